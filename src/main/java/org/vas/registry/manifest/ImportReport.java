package org.vas.registry.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an import did, or with {@code dry_run} would do: per model, the manifests it came from and the commands
 * sent. {@code outcome} is {@code created} (registered now), {@code changed} or {@code unchanged};
 * {@code default_version} is present when the import moves the model's default version.
 */
public record ImportReport(boolean dryRun, boolean enable, boolean promote, int manifests, int commands,
                           List<ModelReport> models) {

    public record ModelReport(String modelId, String format, List<Integer> manifests, String outcome,
                              List<PlannedCommand> commands,
                              @JsonInclude(JsonInclude.Include.NON_NULL) DefaultChange defaultVersion) {
    }

    /** The default version before the import (null: none) and after it. */
    public record DefaultChange(@Schema(nullable = true) String before, String after) {
    }

    /** A command by its type; {@code version} names the version it concerns, when it concerns one. */
    public record PlannedCommand(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String version) {
    }
}
