package org.vas.registry.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.vas.registry.audit.ReadModelVerifier;

/**
 * {@code verify}: the check {@code GET /api/v1/admin/verify} makes, without the server: the log folded in memory
 * and compared, field by field, with the read model, in one snapshot.
 */
final class VerifyCommand {

    private VerifyCommand() {
    }

    static int run(List<String> arguments, PrintStream out, PrintStream err) {
        List<String> unknown = arguments.stream().filter(argument -> !argument.startsWith("--")).toList();
        if (!unknown.isEmpty()) {
            err.println("verify: unexpected " + unknown);
            err.println("Usage: java -jar registry.jar verify [--setting=value ...]");
            return RegistryCommandLine.USAGE;
        }
        try (ConfigurableApplicationContext registry = Offline.start(arguments)) {
            Offline.describe(registry, out);
            ReadModelVerifier.Report report = registry.getBean(ReadModelVerifier.class).verify();
            for (ReadModelVerifier.Difference difference : report.differences()) {
                out.println("difference: " + difference.modelId()
                        + (difference.version() == null ? "" : "@" + difference.version()) + " " + difference.field()
                        + ": the log says " + difference.expected() + ", the read model " + difference.actual());
            }
            out.println((report.consistent() ? "Consistent: " : "Inconsistent: ") + report.checked()
                    + " model(s) checked against the log up to position " + report.position()
                    + (report.consistent() ? "" : ", " + report.differences().size() + " difference(s)"));
            return report.consistent() ? RegistryCommandLine.OK : RegistryCommandLine.FAILED;
        } catch (RuntimeException e) {
            return Offline.unavailable(e, err);
        }
    }
}
