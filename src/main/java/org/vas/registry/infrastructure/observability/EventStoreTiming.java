package org.vas.registry.infrastructure.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Times every append to the event store ({@code registry.event.store.append}) by wrapping Axon's storage
 * engine: the append is the one write every command shares, and its latency is the database's.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreTiming {

    static final String APPEND_TIMER = "registry.event.store.append";

    /** Static, and the registry looked up late, so that post-processing does not start the meters too early. */
    @Bean
    static BeanPostProcessor eventStoreAppendTimer(ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventStorageEngine engine ? timed(engine, meters) : bean;
            }
        };
    }

    private static EventStorageEngine timed(EventStorageEngine engine, ObjectProvider<MeterRegistry> meters) {
        return (EventStorageEngine) Proxy.newProxyInstance(EventStorageEngine.class.getClassLoader(),
                new Class<?>[] {EventStorageEngine.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("appendEvents")) {
                        return invoke(engine, method, args);
                    }
                    Timer timer = Timer.builder(APPEND_TIMER)
                            .description("Appends of a command's events to the event store")
                            .register(meters.getObject());
                    Timer.Sample sample = Timer.start();
                    try {
                        return invoke(engine, method, args);
                    } finally {
                        sample.stop(timer);
                    }
                });
    }

    private static Object invoke(EventStorageEngine engine, Method method, Object[] args)
            throws Throwable {
        try {
            return method.invoke(engine, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
