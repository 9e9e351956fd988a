package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Each model's list representation as JSON, by model and revision. Every event moves a model's revision, and the
 * read model is only ever written by the projection, so a model at a revision always renders the same text: a
 * page of 50 models (about 80 KB, each with its default version's config_schema) is then copied, not read from
 * the database, parsed and written again on every request.
 */
@Component
class RenderedModels {

    /** Bounded by size: 64 MB of text holds a registry of about 30,000 models with their schemas. */
    private static final long MAX_CHARS = 64L << 20;

    private final Cache<String, RawValue> documents = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((String key, RawValue document) -> ((String) document.rawValue()).length())
            .build();
    private final ObjectMapper json;

    RenderedModels(ObjectMapper json) {
        this.json = json;
    }

    /** The model at this revision as JSON, or null when it has not been rendered (or was evicted). */
    RawValue find(String modelId, long revision) {
        return documents.getIfPresent(key(modelId, revision));
    }

    /** Renders a model as the list shows it (without its versions) and keeps the text for later pages. */
    RawValue render(ModelView model) {
        try {
            RawValue document = new RawValue(json.writeValueAsString(model.withoutVersions()));
            documents.put(key(model.modelId(), model.revision()), document);
            return document;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render model " + model.modelId(), e);
        }
    }

    /** After a rebuild every row was written again; nothing rendered before it is trusted. */
    void clear() {
        documents.invalidateAll();
    }

    private static String key(String modelId, long revision) {
        return modelId + '@' + revision;
    }
}
