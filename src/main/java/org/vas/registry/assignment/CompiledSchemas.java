package org.vas.registry.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.schema.ConfigSchema;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * Compiled config schemas, one per model version. A version is immutable, so its compiled schema never goes
 * stale and is compiled once; compiling costs far more than validating.
 */
@Component
class CompiledSchemas {

    /** A compiled schema, or why there is none: validation must fail closed on a schema it cannot use. */
    record Compiled(ConfigSchema schema, String error) {
    }

    private final Cache<String, Compiled> cache = Caffeine.newBuilder().maximumSize(20_000).build();
    private final ConfigSchemaCompiler compiler;
    private final ObjectMapper json;

    CompiledSchemas(ConfigSchemaCompiler compiler, ObjectMapper json) {
        this.compiler = compiler;
        this.json = json;
    }

    /** {@code schemaText} is asked only when the version has not been compiled yet. */
    Compiled get(String modelId, String version, Supplier<String> schemaText) {
        return cache.get(modelId + "@" + version, key -> compile(schemaText.get()));
    }

    private Compiled compile(String schemaText) {
        if (schemaText == null) {
            return new Compiled(null, "the stored config_schema cannot be found");
        }
        try {
            JsonNode declared = json.readTree(schemaText);
            return new Compiled(compiler.compile(declared), null);
        } catch (InvalidInputException e) {
            return new Compiled(null, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            return new Compiled(null, "the stored config_schema cannot be read");
        }
    }
}
