package org.vas.registry.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Keys without bound (every model's schema with a parameter of its own) must not each cost a copy of a table
 * shared by every parser: the application's mapper, which reads the read model's documents, reads keys as new
 * strings, and request bodies are still decoded strictly.
 */
class JsonNamesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withUserConfiguration(JsonNames.class);

    @Test
    void theApplicationsMapperDoesNotCanonicalizeKeys() {
        context.run(application -> {
            ObjectMapper json = application.getBean(ObjectMapper.class);

            assertThat(json.getFactory().isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)).isFalse();
        });
    }

    /**
     * Without canonicalized keys Jackson reads bytes through a reader that turns malformed UTF-8 into U+FFFD: a
     * request body must still be read strictly, so that a surrogate encoded as CESU-8 is refused, not replaced.
     */
    @Test
    void aRequestBodyIsStillDecodedStrictly() {
        ObjectMapper body = new ObjectMapper(new WellFormedJsonFactory(JsonNames.factory().build()));
        ByteArrayOutputStream cesu = new ByteArrayOutputStream();
        cesu.writeBytes("{\"name\": \"a".getBytes(StandardCharsets.UTF_8));
        cesu.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        cesu.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> body.readTree(cesu.toByteArray())).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("surrogate");
    }
}
