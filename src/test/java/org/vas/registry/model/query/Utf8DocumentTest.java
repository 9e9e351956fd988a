package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Utf8DocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RawValue document(String json) {
        return new RawValue(new Utf8Document(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDocumentWritesTheSameJsonIntoBytesAndIntoAStringNonAsciiIncluded() throws Exception {
        String model = "{\"model_id\":\"cam\u00e9ra\",\"name\":\"\u6444\u50cf\u5934 \u2713\"}";
        Map<String, Object> page = Map.of("models", List.of(document(model), document(model)));

        String expected = "{\"models\":[" + model + "," + model + "]}";
        assertThat(new String(JSON.writeValueAsBytes(page), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(JSON.writeValueAsString(page)).isEqualTo(expected);
    }

    @Test
    void aDocumentLargerThanTheGeneratorsBufferIsWrittenWhole() throws Exception {
        String large = "{\"text\":\"" + "\u00e9x".repeat(40_000) + "\"}";

        assertThat(new String(JSON.writeValueAsBytes(List.of(document(large))), StandardCharsets.UTF_8))
                .isEqualTo("[" + large + "]");
    }

    @Test
    void aDocumentHoldsOnlyItsUtf8Bytes() {
        String text = "{\"name\":\"\u00e9\"}";

        assertThat(new Utf8Document(text.getBytes(StandardCharsets.UTF_8)).size())
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
