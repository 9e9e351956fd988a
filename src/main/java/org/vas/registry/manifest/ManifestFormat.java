package org.vas.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/** The two ways the platform writes a {@code model.yaml}, each with the JSON Schema the registry ships for it. */
enum ManifestFormat {

    CONTRACT_1_0_0("contract-1.0.0", "manifest-schemas/contract-1.0.0.json"),
    LEGACY("legacy", "manifest-schemas/legacy.json");

    private final String label;
    private final String schema;

    ManifestFormat(String label, String schema) {
        this.label = label;
        this.schema = schema;
    }

    String label() {
        return label;
    }

    String schema() {
        return schema;
    }

    /**
     * A contract manifest names its contract version; a legacy one is recognised by its own field names. Anything
     * else is judged as a contract, the current format, so that its problems are reported against that.
     */
    static ManifestFormat of(JsonNode manifest) {
        if (!manifest.has("contract_schema_version")
                && (manifest.has("model_name") || manifest.has("model_version"))) {
            return LEGACY;
        }
        return CONTRACT_1_0_0;
    }
}
