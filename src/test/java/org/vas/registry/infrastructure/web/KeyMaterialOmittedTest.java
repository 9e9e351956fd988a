package org.vas.registry.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.KeyMaterial;

class KeyMaterialOmittedTest {

    record Issued(String keyId, @KeyMaterial String keyHash, Nested nested) {
    }

    record Nested(@KeyMaterial String secret, String shown) {
    }

    @Test
    void aMapperWithTheModuleWritesEveryComponentButKeyMaterialAtAnyDepth() throws Exception {
        ObjectMapper api = JsonMapper.builder().addModule(new KeyMaterialOmitted()).build();

        String written = api.writeValueAsString(new Issued("k1", "hash", new Nested("s", "visible")));

        assertThat(written).isEqualTo("{\"keyId\":\"k1\",\"nested\":{\"shown\":\"visible\"}}");
    }

    @Test
    void aMapperWithoutItKeepsKeyMaterialAsTheLogDoes() throws Exception {
        assertThat(new ObjectMapper().writeValueAsString(new Issued("k1", "hash", null))).contains("\"keyHash\":\"hash\"");
    }
}
