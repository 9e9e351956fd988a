package org.vas.registry.infrastructure.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vas.registry.infrastructure.observability.CorrelationIdFilter;
import org.vas.registry.infrastructure.web.CurrentActor;
import org.vas.registry.kernel.Reasoned;

/**
 * Who, why and in which request: every command is stamped when it is dispatched (in the caller's thread, where
 * the request is known), and every event it causes inherits the stamp, plus the command's id as its cause.
 */
@Configuration(proxyBeanMethods = false)
class AuditMetadata {

    static final String ACTOR = "actor";
    static final String REASON = "reason";
    static final String CORRELATION_ID = "correlation_id";
    static final String CAUSATION_ID = "causation_id";

    AuditMetadata(CommandBus commandBus, CurrentActor actor) {
        commandBus.registerDispatchInterceptor(stamp(actor));
    }

    private static MessageDispatchInterceptor<CommandMessage<?>> stamp(CurrentActor actor) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    Map<String, Object> stamp = new HashMap<>();
                    stamp.put(ACTOR, actor.name());
                    String correlation = CorrelationIdFilter.current();
                    stamp.put(CORRELATION_ID, correlation != null ? correlation : UUID.randomUUID().toString());
                    if (command.getPayload() instanceof Reasoned reasoned && reasoned.reason() != null) {
                        stamp.put(REASON, reasoned.reason());
                    }
                    return command.andMetaData(stamp);
                };
            }
        };
    }

    /** Copies the command's stamp onto each event it causes; the command itself is the event's cause. */
    @Bean
    static CorrelationDataProvider auditCorrelation() {
        return AuditMetadata::causedBy;
    }

    private static Map<String, Object> causedBy(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : List.of(ACTOR, REASON, CORRELATION_ID)) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
