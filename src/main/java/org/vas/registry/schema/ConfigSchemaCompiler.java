package org.vas.registry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.ClasspathSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.Sha256;

/**
 * Turns a version's declared {@code config_schema} into a compiled JSON Schema, or refuses it. The declared form
 * may be a real JSON Schema or the platform manifests' shorthand, which {@link ShorthandSchema} translates.
 * <p>
 * A schema is data from a client, so it is never allowed to reach outside the registry: only the meta-schemas
 * bundled with the validator library may be loaded, and any other {@code $ref} target fails compilation. Nor may
 * it cost without bound: {@link SchemaBounds} refuses what could not be evaluated in bounded time and stack, and
 * {@link ConfigSchema} evaluates within a budget.
 */
@Component
public class ConfigSchemaCompiler {

    private static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final List<String> BUNDLED_META_SCHEMAS = List.of("classpath:draft/", "classpath:draft-04/",
            "classpath:draft-06/", "classpath:draft-07/");

    /**
     * The bundled meta-schemas are read through the registry's own class loader, whatever thread compiles. The
     * library's default asks the calling thread's context class loader, which on the common fork-join pool is the
     * system class loader: it cannot see a packaged application's libraries, and every schema compiled there failed
     * closed (decision 35).
     */
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchemas(EvaluationBudget.meteredDialects())
                    .schemaLoaders(loaders -> loaders.add(new BundledMetaSchemasOnly())
                            .add(new ClasspathSchemaLoader(ConfigSchemaCompiler.class::getClassLoader))));
    /**
     * The SHA-256 of each stored schema text that passed its bounds and its meta-schema check. The same text always
     * declares the same schema, and the checks are most of compiling, while validation compiles again every schema
     * its cache of compiled schemas let go (at 10,000 models with a schema each, most of them): a stored schema is
     * checked once per instance. A digest takes about 160 bytes against 13.6 KB for a compiled schema, so this
     * remembers far more schemas than that cache holds.
     */
    static final int CHECKED_SCHEMAS = 20_000;

    private final Cache<String, Boolean> checked = Caffeine.newBuilder().maximumSize(CHECKED_SCHEMAS).build();
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .typeLoose(false)
            .regularExpressionFactory(LinearTimeRegex.INSTANCE)
            .build();
    private final ObjectMapper json;

    public ConfigSchemaCompiler(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Checks that a declared schema is usable: it is a JSON object, valid against its dialect's meta-schema,
     * and compiles with every reference resolved.
     *
     * @throws InvalidInputException with code {@code INVALID_CONFIG_SCHEMA} when it is not
     */
    public void check(JsonNode declared) {
        compile(declared);
    }

    /** Compiles a declared schema, checking it whole every time: a schema not yet stored has no stored text. */
    ConfigSchema compile(JsonNode declared) {
        return compile(declared, null);
    }

    /**
     * Compiles a stored schema from its JSON text. The same text always declares the same schema, so a text this
     * instance has checked before (known by its SHA-256) is not checked again. The caller caches the result, since
     * compiling costs far more than validating.
     */
    public ConfigSchema compileStored(String text) throws JsonProcessingException {
        // UTF-8 writes an unpaired surrogate as '?', so two such texts could share a digest: those are always checked.
        String digest = StandardCharsets.UTF_8.newEncoder().canEncode(text) ? Sha256.hex(text) : null;
        return compile(json.readTree(text), digest);
    }

    private ConfigSchema compile(JsonNode declared, String textDigest) {
        if (declared == null || !declared.isObject()) {
            throw invalid("config_schema must be a JSON object");
        }
        ObjectNode standard = ShorthandSchema.isShorthand(declared)
                ? ShorthandSchema.translate(declared)
                : (ObjectNode) declared;
        try {
            if (textDigest == null || checked.getIfPresent(textDigest) == null) {
                checkBounds(standard);
                checkAgainstMetaSchema(standard);
                if (textDigest != null) {
                    checked.put(textDigest, Boolean.TRUE);
                }
            }
            JsonSchema schema = factory.getSchema(EvaluationBudget.metered(standard), config);
            schema.initializeValidators();
            return new ConfigSchema(schema);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw invalid("config_schema does not compile" + reason(e));
        }
    }

    /** The innermost cause says what is wrong; the wrappers around it add only their class names. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "" : ": " + root.getMessage();
    }

    /** Package-private, as is the next, so that a test can count the checks. */
    void checkBounds(ObjectNode schema) {
        SchemaBounds.check(schema);
    }

    void checkAgainstMetaSchema(ObjectNode schema) {
        JsonNode dialect = schema.get("$schema");
        String iri = dialect == null ? DEFAULT_DIALECT : dialect.asText();
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of(iri), config);
        Set<ValidationMessage> problems = metaSchema.validate(schema);
        if (!problems.isEmpty()) {
            throw invalid("config_schema is not a valid JSON Schema: " + problems.stream()
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("INVALID_CONFIG_SCHEMA", "config_schema", message);
    }

    private static final class BundledMetaSchemasOnly implements SchemaLoader {

        @Override
        public InputStreamSource getSchema(AbsoluteIri iri) {
            String target = iri.toString();
            if (BUNDLED_META_SCHEMAS.stream().anyMatch(target::startsWith) && !target.contains("..")) {
                return null;
            }
            throw new IllegalArgumentException("$ref to '" + iri + "' is not allowed: a config_schema must be "
                    + "self-contained");
        }
    }
}
