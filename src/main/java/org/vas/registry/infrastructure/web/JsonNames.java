package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Object keys are read as new strings, not looked up in a table shared by every parser. Declared documents (config
 * schemas, inputs, outputs) bring keys without bound, and a parser that meets a key the shared table lacks copies
 * the whole table first (over 100 KB once it holds a few thousand keys): at 10,000 models whose schemas each had a
 * key of its own, that copy was most of what reading the log allocated. The stored format's mapper and the
 * application's, which reads the read model's documents, start from {@link #factory()}; request bodies are read by
 * a {@link WellFormedJsonFactory}, which canonicalizes again for Jackson's strict UTF-8 parser.
 */
@Configuration(proxyBeanMethods = false)
public class JsonNames {

    public static JsonFactoryBuilder factory() {
        return (JsonFactoryBuilder) JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer uncanonicalizedKeys() {
        return builder -> builder.factory(factory().build());
    }
}
