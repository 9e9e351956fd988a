package org.vas.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * Checks manifests against the JSON Schema of their format (shipped in {@code manifest-schemas/}), then against
 * the registry's own rules for the commands they become. Every problem is reported, with its manifest and path.
 */
@Component
class ManifestValidator {

    private static final Map<String, String> CODES = Map.of(
            "required", "MISSING_FIELD",
            "type", "INVALID_TYPE",
            "additionalProperties", "UNKNOWN_FIELD",
            "minimum", "OUT_OF_RANGE",
            "maximum", "OUT_OF_RANGE",
            "minLength", "INVALID_LENGTH",
            "maxLength", "INVALID_LENGTH",
            "minItems", "INVALID_LENGTH",
            "maxItems", "INVALID_LENGTH");

    private final Map<ManifestFormat, JsonSchema> schemas = new EnumMap<>(ManifestFormat.class);
    private final ConfigSchemaCompiler configSchemas;

    ManifestValidator(ConfigSchemaCompiler configSchemas) {
        this.configSchemas = configSchemas;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .typeLoose(false)
                .build();
        for (ManifestFormat format : ManifestFormat.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + format.schema()), config);
            schema.initializeValidators();
            schemas.put(format, schema);
        }
    }

    /** The manifests as the registry reads them, or every problem found in any of them. */
    List<Manifest> validate(List<JsonNode> documents) {
        List<ManifestProblem> problems = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            if (!document.isObject()) {
                problems.add(new ManifestProblem(i, null, "", "INVALID_TYPE", "A manifest must be a mapping"));
                continue;
            }
            ManifestFormat format = ManifestFormat.of(document);
            String modelId = document.path("model_id").isTextual() ? document.get("model_id").textValue() : null;
            List<ManifestProblem> found = new ArrayList<>(schemaProblems(i, modelId, format, document));
            unrepresentableNumbers(document, "", i, modelId, found);
            if (found.isEmpty()) {
                read(i, modelId, format, document, found).ifPresent(manifests::add);
            }
            problems.addAll(found);
        }
        problems.addAll(ManifestBatch.duplicates(manifests));
        if (!problems.isEmpty()) {
            throw new ManifestRejectedException(problems, false);
        }
        return manifests;
    }

    private List<ManifestProblem> schemaProblems(int index, String modelId, ManifestFormat format,
                                                 JsonNode document) {
        return schemas.get(format).validate(document).stream()
                .map(message -> problem(index, modelId, message))
                .sorted(Comparator.comparing(ManifestProblem::field).thenComparing(ManifestProblem::code))
                .distinct()
                .toList();
    }

    private Optional<Manifest> read(int index, String modelId, ManifestFormat format, JsonNode document,
                                              List<ManifestProblem> problems) {
        try {
            Manifest manifest = Manifest.read(index, format, document);
            if (manifest.version().configSchema() != null) {
                configSchemas.check(manifest.version().configSchema());
            }
            return Optional.of(manifest);
        } catch (InvalidInputException e) {
            problems.add(new ManifestProblem(index, modelId, Manifest.manifestField(format, e.field()), e.code(),
                    e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * A number beyond a double's range reads as infinity, which JSON cannot write: the registry would keep the
     * string "Infinity" in its place. Every such number is reported with its path.
     */
    private static void unrepresentableNumbers(JsonNode node, String path, int index, String modelId,
                                               List<ManifestProblem> problems) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            problems.add(new ManifestProblem(index, modelId, path, "OUT_OF_RANGE",
                    "$." + path + ": the number is too large to be kept"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> unrepresentableNumbers(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), index, modelId, problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unrepresentableNumbers(node.get(i), path + "[" + i + "]", index, modelId, problems);
            }
        }
    }

    private static ManifestProblem problem(int index, String modelId, ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String field = location.startsWith("$.") ? location.substring(2) : location.substring(1);
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            field = field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
        }
        String code = code(type, field);
        String text = code.equals("INVALID_VERSION") ? "$." + field + ": must be a Semantic Versioning 2.0 string "
                + "such as 1.2.0 or 2.0.0-rc.1" : message.getMessage();
        return new ManifestProblem(index, modelId, field, code, text);
    }

    private static String code(String type, String field) {
        if ("pattern".equals(type) || "const".equals(type) || "enum".equals(type)) {
            return switch (field) {
                case "model_id" -> "INVALID_MODEL_ID";
                case "version", "model_version" -> "INVALID_VERSION";
                case "contract_schema_version" -> "UNSUPPORTED_CONTRACT_VERSION";
                default -> "INVALID_VALUE";
            };
        }
        return CODES.getOrDefault(type, "INVALID_VALUE");
    }
}
