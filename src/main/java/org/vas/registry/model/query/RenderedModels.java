package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Each model's representation as JSON, by model, revision and read model generation, as a list shows it and as
 * its single read does. Every event moves a model's revision, and every rebuild (the only other writer of the read
 * model) moves the generation, so a model at a revision in a generation always renders the same text: a page of 50 models (about 80 KB, each with its default version's
 * config_schema) is then copied, not read from the database, parsed and written again on every request; a single
 * read needs only the model's revision.
 */
@Component
class RenderedModels {

    private final Cache<String, RawValue> documents;
    private final ObjectMapper json;

    RenderedModels(ObjectMapper json, MeterRegistry meters,
                   @Value("${registry.cache.rendered-models.max-size}") DataSize maxSize) {
        this.json = json;
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, RawValue document) -> ((Utf8Document) document.rawValue()).size())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, documents, "rendered_models");
    }

    /**
     * The model at this revision as JSON, as a list shows it ({@code withVersions} false) or as its single read
     * does; null when it has not been rendered (or was evicted). A revision names a model's content within one
     * {@code generation} of the read model, which every rebuild moves (a rebuild may correct a row without changing
     * its revision), read in the caller's statement with the revision.
     */
    RawValue find(String modelId, long revision, long generation, boolean withVersions) {
        return documents.getIfPresent(key(modelId, revision, generation, withVersions));
    }

    /**
     * Renders a model as it is (with its versions when it has them) and keeps the text for later reads of that
     * generation, read before the model was.
     */
    RawValue render(ModelView model, long generation) {
        try {
            RawValue document = new RawValue(new Utf8Document(json.writeValueAsBytes(model)));
            documents.put(key(model.modelId(), model.revision(), generation, model.versions() != null), document);
            return document;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render model " + model.modelId(), e);
        }
    }

    /** After a rebuild nothing rendered before it is read again: the memory it holds is given back at once. */
    void clear() {
        documents.invalidateAll();
    }

    private static String key(String modelId, long revision, long generation, boolean withVersions) {
        return modelId + (withVersions ? '#' : '@') + revision + '/' + generation;
    }
}
