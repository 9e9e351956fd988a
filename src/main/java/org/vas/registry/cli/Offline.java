package org.vas.registry.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vas.registry.infrastructure.ops.DataDirectoryInfo;

/**
 * The registry without its HTTP server, for a command: the same configuration, database and migrations as the
 * server, so a command works on exactly the registry the server would serve. Its log keeps to warnings, so the
 * command's own lines are what an operator reads.
 */
final class Offline {

    /** Given by the application's main method, so that the command line does not depend on the application. */
    private static Class<?> application;

    private Offline() {
    }

    static void application(Class<?> main) {
        application = main;
    }

    static ConfigurableApplicationContext start(List<String> settings) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.org.vas.registry=WARN")
                .run(settings.toArray(String[]::new));
    }

    /** Which registry the command works on, so that a command run from the wrong folder says so at once. */
    static void describe(ConfigurableApplicationContext registry, PrintStream out) {
        Map<String, Object> details = registry.getBean(DataDirectoryInfo.class).details();
        out.println("Registry: " + (details.containsKey("data_dir")
                ? "embedded PostgreSQL in " + details.get("data_dir")
                : "external PostgreSQL at " + registry.getEnvironment().getProperty("spring.datasource.url")));
    }

    /** The registry did not start: one line with the innermost reason; the log above has the details. */
    static int unavailable(RuntimeException failure, PrintStream err) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        err.println("The registry could not be started: " + cause.getMessage());
        return RegistryCommandLine.UNAVAILABLE;
    }
}
