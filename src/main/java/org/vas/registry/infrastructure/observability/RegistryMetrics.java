package org.vas.registry.infrastructure.observability;

import org.vas.registry.audit.LogPosition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.vas.registry.model.RegistryException;

/**
 * The registry's own meters: {@code registry.commands} (a timer by command type and outcome) and the event
 * log gauges {@code registry.event.store.head}, {@code registry.projection.events} and
 * {@code registry.projection.lag}. A command's outcome is known only when its unit of work ends, since the
 * event store may still refuse the append at commit: {@code success}, {@code rejected} (the registry said no,
 * a 4xx) or {@code failed}.
 */
@Component
class RegistryMetrics {

    private final MeterRegistry meters;

    RegistryMetrics(MeterRegistry meters, CommandBus commandBus, LogPosition position) {
        this.meters = meters;
        commandBus.registerHandlerInterceptor(this::timeCommand);
        Gauge.builder("registry.event.store.head", position, p -> p.read().head())
                .description("Highest global index in the event store (has gaps)").register(meters);
        Gauge.builder("registry.event.store.events", position, p -> p.read().stored())
                .description("Events stored").register(meters);
        Gauge.builder("registry.projection.position", position, p -> p.read().projected())
                .description("Log position the read model reflects").register(meters);
        Gauge.builder("registry.projection.lag", position, p -> p.read().lag())
                .description("Log positions the read model does not reflect yet").register(meters);
    }

    private Object timeCommand(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                               InterceptorChain chain) throws Exception {
        Timer.Sample sample = Timer.start(meters);
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(u -> sample.stop(timer(type, "success")));
        unitOfWork.onRollback(u -> sample.stop(timer(type, outcome(u.getExecutionResult() == null
                ? null : u.getExecutionResult().getResult()))));
        return chain.proceed();
    }

    private static String outcome(ResultMessage<?> result) {
        if (result == null || !result.isExceptional()) {
            return "failed";
        }
        Throwable cause = result.exceptionResult();
        return cause instanceof RegistryException || cause instanceof AggregateNotFoundException
                || cause instanceof AggregateStreamCreationException || cause instanceof ConcurrencyException
                ? "rejected" : "failed";
    }

    private Timer timer(String type, String outcome) {
        return Timer.builder("registry.commands")
                .description("Commands handled, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(meters);
    }
}
