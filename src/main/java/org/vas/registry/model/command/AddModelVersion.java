package org.vas.registry.model.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.state.VersionContent;

/** Add an immutable version with its declarative contract. The same content again changes nothing. */
public record AddModelVersion(@TargetAggregateIdentifier ModelId modelId, VersionNumber version,
                              JsonNode configSchema, Performance performance, JsonNode input, JsonNode output,
                              JsonNode hardware, JsonNode limits, JsonNode capabilities,
                              Long expectedRevision) implements ModelCommand {

    public AddModelVersion {
        if (version == null) {
            throw new InvalidInputException("INVALID_VERSION", "version", "version is required");
        }
        configSchema = Fields.document("config_schema", configSchema);
        input = Fields.document("input", input);
        output = Fields.document("output", output);
        hardware = Fields.document("hardware", hardware);
        limits = Fields.document("limits", limits);
        capabilities = Fields.document("capabilities", capabilities);
        expectedRevision = Fields.revision(expectedRevision);
    }

    public VersionContent content() {
        return new VersionContent(configSchema, performance, input, output, hardware, limits, capabilities);
    }
}
