package org.vas.registry.infrastructure.observability;

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
import org.vas.registry.kernel.RegistryException;

/**
 * {@code registry.commands}: a timer by command type and outcome (the event log's gauges are the audit
 * module's {@code LogMetrics}). A command's outcome is known only when its unit of work ends, since the
 * event store may still refuse the append at commit: {@code success}, {@code rejected} (the registry said no,
 * a 4xx) or {@code failed}.
 */
@Component
class RegistryMetrics {

    private final MeterRegistry meters;

    RegistryMetrics(MeterRegistry meters, CommandBus commandBus) {
        this.meters = meters;
        commandBus.registerHandlerInterceptor(this::timeCommand);
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
