package org.vas.registry.model.query;

/**
 * The tables a projection writes: the live read model, or the staging copy a rebuild fills before swapping it
 * in. Names come from this fixed set only, never from input.
 */
public enum ReadModelTables {

    LIVE("model", "model_version"),
    STAGING("model_staging", "model_version_staging");

    final String model;
    final String version;

    ReadModelTables(String model, String version) {
        this.model = model;
        this.version = version;
    }
}
