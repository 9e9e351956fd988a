package org.vas.registry.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vas.registry.ledger.VerifyLogCommand;
import org.vas.registry.infrastructure.db.DataDirectoryInUseException;

/**
 * The registry's command line: with no command it serves; a command runs, prints what it did and ends with an
 * exit status, and {@code --help} starts nothing at all. Arguments of the form {@code --name=value} are settings
 * (the same as the environment variables), for the server and for every command.
 */
public final class RegistryCommandLine {

    /** Every command succeeded or everything it checked is consistent. */
    static final int OK = 0;
    /** The command ran and refused or found a difference. */
    static final int FAILED = 1;
    /** The command line cannot be understood. */
    static final int USAGE = 2;
    /** The registry could not be started for the command: its database is unavailable or in use. */
    static final int UNAVAILABLE = 3;

    /** A command run instead of the server. */
    interface Command {
        int run(List<String> arguments, PrintStream out, PrintStream err);
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("import", ImportCommand::run);
        COMMANDS.put("verify", VerifyCommand::run);
        COMMANDS.put("verify-log", (arguments, out, err) ->
                VerifyLogCommand.run(arguments.toArray(String[]::new), System.getenv(), out));
    }

    static final String USAGE_TEXT = """
            Usage: java -jar registry.jar [COMMAND] [--setting=value ...]

            With no command the registry serves its HTTP API.

            Commands:
              import <dir> [--dry-run] [--enable] [--promote]
                         import every manifest (*.yaml, *.yml) under <dir> into the database the settings
                         name, all or nothing; --dry-run only checks and plans, --enable enables the models,
                         --promote makes each model's newest version its default
              verify     fold the event log and compare it with the read model, offline; exit 0 when consistent
              verify-log check the event log's integrity chain, offline
              --help     print this text

            Exit status: 0 done or consistent, 1 refused or inconsistent, 2 bad command line,
            3 the database is unavailable (or another registry is running on the data directory).

            Main settings (environment variable, or --property=value):
              PORT                              HTTP port (8080)
              REGISTRY_DATA_DIR                 embedded PostgreSQL's data directory (./data/postgres),
                                                relative to the directory the process starts in
              SPRING_DATASOURCE_URL             an external PostgreSQL instead of the embedded one, with
              SPRING_DATASOURCE_USERNAME/PASSWORD and SPRING_FLYWAY_USER/PASSWORD (the schema owner)
              REGISTRY_BOOTSTRAP_ADMIN_KEY      the first admin key (otherwise generated into
              REGISTRY_BOOTSTRAP_ADMIN_KEY_FILE, beside the data directory)
              JAVA_TOOL_OPTIONS                 JVM options; the launcher and the container bound the heap,
                                                see docs/operations.md
            """;

    private RegistryCommandLine() {
    }

    /** The exit status of a server or command that could not start: {@link #UNAVAILABLE} when the data is in use. */
    public static int startFailureStatus(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirectoryInUseException) {
                return UNAVAILABLE;
            }
        }
        return FAILED;
    }

    /**
     * Runs the command the arguments name.
     *
     * @param application the registry's Spring Boot application, which a command starts without its web server
     * @return the exit status, or null when the arguments name no command and the registry should serve
     */
    public static Integer run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        Offline.application(application);
        if (args.length == 0) {
            return null;
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Command command = COMMANDS.get(first);
        if (command != null) {
            return command.run(Arrays.asList(args).subList(1, args.length), out, err);
        }
        if (first.startsWith("--")) {
            return null;
        }
        err.println("Unknown command '" + first + "'.");
        err.print(USAGE_TEXT);
        return USAGE;
    }
}
