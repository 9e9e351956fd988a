package org.vas.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.model.command.RegisterModel;

/**
 * What the registry keeps of one schema-valid manifest: the model's metadata and one version's contract.
 * Constructing the commands applies the registry's own field rules, so a manifest that reads is one the
 * registry accepts. Only the legacy format declares tasks ({@link #declaresTasks()}): importing a contract
 * manifest leaves an existing model's tasks as they are.
 */
record Manifest(int index, ManifestFormat format, RegisterModel registration, AddModelVersion version) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    ModelId modelId() {
        return registration.modelId();
    }

    VersionNumber versionNumber() {
        return version.version();
    }

    boolean declaresTasks() {
        return format == ManifestFormat.LEGACY;
    }

    static Manifest read(int index, ManifestFormat format, JsonNode manifest) {
        ModelId modelId = ModelId.of(manifest.get("model_id").textValue());
        return switch (format) {
            case CONTRACT_1_0_0 -> contract(index, modelId, manifest);
            case LEGACY -> legacy(index, modelId, manifest);
        };
    }

    /** The contract has no task list; none is derived from it. Author and entry points are the runtime's. */
    private static Manifest contract(int index, ModelId modelId, JsonNode manifest) {
        RegisterModel registration = new RegisterModel(modelId, text(manifest, "display_name"),
                text(manifest, "description"), List.of(), Map.of());
        JsonNode performance = manifest.get("performance");
        AddModelVersion version = new AddModelVersion(modelId, VersionNumber.of(text(manifest, "version")),
                manifest.get("config_schema"),
                new Performance(integer(performance, "performance", "recommended_fps"),
                        integer(performance, "performance", "max_fps"),
                        integer(performance, "performance", "inference_time_hint_ms")),
                manifest.get("input"), manifest.get("output"), manifest.get("hardware"), manifest.get("limits"),
                manifest.get("capabilities"), null);
        return new Manifest(index, ManifestFormat.CONTRACT_1_0_0, registration, version);
    }

    /**
     * The legacy format's input and hardware are restated in the contract's words where they mean the same
     * ({@code format}, {@code supports_cpu}, {@code min_gpu_memory_mb}). Its runtime settings (model type,
     * weights, thresholds) and author and license have no place in the registry and are not kept.
     */
    private static Manifest legacy(int index, ModelId modelId, JsonNode manifest) {
        List<String> tasks = new ArrayList<>();
        manifest.get("supported_tasks").forEach(task -> tasks.add(task.textValue()));
        RegisterModel registration = new RegisterModel(modelId, text(manifest, "model_name"),
                text(manifest, "description"), tasks, Map.of());
        JsonNode resolution = manifest.get("expected_resolution");
        ObjectNode input = JSON.objectNode().put("format", text(manifest, "input_format"));
        input.putObject("expected_resolution")
                .put("width", int32(resolution.get(0), "expected_resolution[0]"))
                .put("height", int32(resolution.get(1), "expected_resolution[1]"));
        JsonNode resources = manifest.get("resource_requirements");
        ObjectNode hardware = JSON.objectNode()
                .put("gpu_required", resources.get("gpu_required").booleanValue())
                .put("supports_cpu", resources.get("cpu_fallback_allowed").booleanValue());
        if (resources.hasNonNull("gpu_memory_mb")) {
            hardware.put("min_gpu_memory_mb", int32(resources.get("gpu_memory_mb"),
                    "resource_requirements.gpu_memory_mb"));
        }
        AddModelVersion version = new AddModelVersion(modelId, VersionNumber.of(text(manifest, "model_version")),
                null, null, input, manifest.get("output_schema"), hardware, null, null, null);
        return new Manifest(index, ManifestFormat.LEGACY, registration, version);
    }

    /** Where a command's field comes from in this format's manifest, for reporting a refused value. */
    static String manifestField(ManifestFormat format, String commandField) {
        if (commandField == null) {
            return null;
        }
        boolean legacy = format == ManifestFormat.LEGACY;
        if (commandField.equals("name")) {
            return legacy ? "model_name" : "display_name";
        }
        if (commandField.equals("version")) {
            return legacy ? "model_version" : "version";
        }
        return commandField;
    }

    private static String text(JsonNode manifest, String field) {
        JsonNode value = manifest.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static Integer integer(JsonNode object, String path, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value == null || value.isNull() ? null : int32(value, path + "." + field);
    }

    /** The schema says only "integer": one the registry cannot keep as an int is refused, never truncated. */
    private static int int32(JsonNode value, String field) {
        if (!value.canConvertToInt()) {
            throw new InvalidInputException("OUT_OF_RANGE", field,
                    "$." + field + ": must be an integer of at most " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }
}
