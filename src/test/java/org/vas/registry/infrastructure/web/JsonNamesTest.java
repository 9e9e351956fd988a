package org.vas.registry.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Keys without bound (every model's schema with a parameter of its own) must not each cost a copy of a table
 * shared by every parser: the application's mapper, which reads request bodies and the read model's documents,
 * reads keys as new strings.
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

    @Test
    void keysReadWithoutCanonicalizingAreTheKeysGiven() throws Exception {
        ObjectMapper json = new ObjectMapper(JsonNames.factory().build());

        JsonNode read = json.readTree("{\"label_1\": {\"type\": \"string\"}, \"zones\": [{\"id\": \"dock\"}]}");

        assertThat(read.get("label_1").get("type").textValue()).isEqualTo("string");
        assertThat(read.get("zones").get(0).get("id").textValue()).isEqualTo("dock");
    }

    @Test
    void requestBodiesAreReadWithTheSameSetting() {
        ObjectMapper json = new ObjectMapper(JsonNames.factory().build());

        assertThat(new WellFormedJsonFactory(json.getFactory()).isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES))
                .isFalse();
    }
}
