package org.vas.registry.model.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.vas.registry.model.query.CurrentCopies;
import org.vas.registry.model.query.ModelFilter;
import org.vas.registry.model.query.ModelPages;

/**
 * The list's answers as the bytes last sent, by request and the read model version they were read at. A page of
 * 50 models is about 80 KB of JSON: while the read model has not moved (which {@code ReadModelHead} proves per
 * request, decision 25), the same request is answered with the same bytes instead of reading and writing them
 * again.
 */
@Component
class ListedPages {

    /** What identifies a page: everything the list reads of its request. */
    record Request(ModelFilter filter, String cursor, int limit) {
    }

    /** A page's answer as JSON, and the read model version it shows. */
    record Listed(long stateVersion, byte[] json) {
    }

    private final CurrentCopies<Request, Listed> pages;
    private final ObjectMapper json;

    ListedPages(ObjectMapper json, MeterRegistry meters,
                @Value("${registry.cache.listed-pages.max-size}") DataSize maxSize) {
        this.json = json;
        this.pages = new CurrentCopies<>("listed_pages", meters, maxSize.toBytes(), listed -> listed.json().length);
    }

    /** The page's answer if it was sent at exactly this read model version; null otherwise. */
    Listed find(Request request, long stateVersion) {
        return pages.at(request, stateVersion);
    }

    /** The page in the platform's list shape, kept for the same request at the same read model version. */
    Listed write(Request request, ModelPages.RenderedPage page) {
        try {
            Listed listed = new Listed(page.stateVersion(), json.writeValueAsBytes(
                    new ModelListResponse(page.models(), page.total(), page.nextCursor())));
            pages.keep(request, listed.stateVersion(), listed);
            return listed;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a page of models", e);
        }
    }
}
