package org.vas.registry.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an import did, or with {@code dry_run} would do: per model, the manifests it came from and the commands
 * sent. {@code outcome} is {@code created} (registered now), {@code changed} or {@code unchanged}.
 */
public record ImportReport(boolean dryRun, boolean enable, int manifests, int commands, List<ModelReport> models) {

    public record ModelReport(String modelId, String format, List<Integer> manifests, String outcome,
                              List<PlannedCommand> commands) {
    }

    /** A command by its type; {@code version} names the version it concerns, when it concerns one. */
    public record PlannedCommand(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String version) {
    }
}
