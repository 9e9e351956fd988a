package org.vas.registry.infrastructure.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.vas.registry.infrastructure.web.JsonNames;

/** Axon on PostgreSQL through JDBC: snake_case tables made by Flyway, Jackson for every stored message. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int AGGREGATE_BATCH = 100;

    /**
     * The stored event format is a contract of its own, so it gets its own mapper rather than the web layer's:
     * changing how the API renders JSON must never change how old events read. Unknown properties are ignored
     * so that a field added by a later revision does not break an older reader.
     */
    @Bean
    @Primary
    Serializer axonSerializer() {
        return JacksonSerializer.builder().objectMapper(storedFormat().build()).build();
    }

    /**
     * Snapshots hold an aggregate's private state, which has no accessors, so they are written field by field.
     * An aggregate carries {@code @Revision}: a snapshot of another revision is ignored and the aggregate is
     * rebuilt from its events instead.
     */
    @Bean
    Serializer snapshotSerializer() {
        return JacksonSerializer.builder().objectMapper(storedFormat()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build()).build();
    }

    /**
     * Event types are resolved by name on whatever thread deserializes them, and Jackson asks that thread's context
     * class loader first: on the common fork-join pool, which deserializes the log's long reads, that is the system
     * class loader, which cannot see the packaged application's classes, fails without remembering it, and throws,
     * for every event. The application's own loader finds each class once and remembers it.
     */
    private static JsonMapper.Builder storedFormat() {
        return JsonMapper.builder(JsonNames.factory().build())
                .typeFactory(TypeFactory.defaultInstance().withClassLoader(AxonConfiguration.class.getClassLoader()))
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("snapshotSerializer") Serializer snapshots,
                                          PersistenceExceptionResolver exceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactions,
                                          EventSchema schema, ObjectProvider<AppendObserver> appendObservers,
                                          @Value("${registry.event-store.gap-timeout:60000}") int gapTimeoutMillis) {
        return new SerializedAppendEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshots)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactions)
                .schema(schema)
                .batchSize(AGGREGATE_BATCH)
                // A model's events are numbered without gaps, so a batch shorter than asked for is its last one.
                // Axon's JDBC default asks once more for an empty batch: a round trip on every command.
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH)
                .gapTimeout(gapTimeoutMillis), transactions, appendObservers.orderedStream().toList());
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's default JDBC resolver only recognises {@code SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws. Without this, a second registration of a taken id would surface as a
     * generic storage failure instead of a conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The read model is projected inside the command's transaction. A failing projection must roll the whole
     * command back: Axon's default handler would log the error and commit an event the read model never saw.
     */
    @Bean
    ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
