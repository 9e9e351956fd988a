package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * How every JSON request body is read: with the application's mapper, but refusing a key given twice (Jackson
 * would otherwise keep the last, or fail inside a record's constructor) and text that cannot be stored as given.
 * Only request bodies: what the registry reads back from its own database is read as it was written.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyJson {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
        JsonFactory strict = new WellFormedJsonFactory(json.getFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new MappingJackson2HttpMessageConverter(json.copyWith(strict));
    }
}
