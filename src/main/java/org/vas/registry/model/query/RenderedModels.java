package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Each model's representation as JSON, by model and revision, as a list shows it and as its single read does.
 * Every event moves a model's revision, and the read model is only ever written by the projection, so a model at
 * a revision always renders the same text: a page of 50 models (about 80 KB, each with its default version's
 * config_schema) is then copied, not read from the database, parsed and written again on every request; a single
 * read needs only the model's revision.
 */
@Component
class RenderedModels {

    /** Bounded by size: 64 MB of text holds a registry of about 30,000 models with their schemas. */
    private static final long MAX_CHARS = 64L << 20;

    private final Cache<String, RawValue> documents = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((String key, RawValue document) -> ((SerializedString) document.rawValue()).charLength())
            .recordStats()
            .build();
    private final ObjectMapper json;

    RenderedModels(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        CaffeineCacheMetrics.monitor(meters, documents, "rendered_models");
    }

    /**
     * The model at this revision as JSON, as a list shows it ({@code withVersions} false) or as its single read
     * does; null when it has not been rendered (or was evicted).
     */
    RawValue find(String modelId, long revision, boolean withVersions) {
        return documents.getIfPresent(key(modelId, revision, withVersions));
    }

    /** Renders a model as it is (with its versions when it has them) and keeps the text for later reads. */
    RawValue render(ModelView model) {
        try {
            // A serialized string keeps its UTF-8 bytes, so writing a page is a copy of bytes.
            RawValue document = new RawValue(new SerializedString(json.writeValueAsString(model)));
            documents.put(key(model.modelId(), model.revision(), model.versions() != null), document);
            return document;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render model " + model.modelId(), e);
        }
    }

    /** After a rebuild every row was written again; nothing rendered before it is trusted. */
    void clear() {
        documents.invalidateAll();
    }

    private static String key(String modelId, long revision, boolean withVersions) {
        return modelId + (withVersions ? '#' : '@') + revision;
    }
}
