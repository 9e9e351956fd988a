package org.vas.registry.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.event.ModelEnabled;

/**
 * The packaged application's classes are invisible to the system class loader, which is the context class loader
 * of the common fork-join pool's threads, where long reads of the log are deserialized: a serializer that asks the
 * thread's loader first fails, and throws, once per event.
 */
class StoredEventTypesTest {

    @Test
    void anEventReadsBackWithoutAskingTheThreadsContextClassLoader() {
        Serializer serializer = new AxonConfiguration().axonSerializer();
        ModelEnabled enabled = new ModelEnabled(ModelId.of("cam-detector"));
        SerializedObject<byte[]> stored = serializer.serialize(enabled, byte[].class);
        AskedLoader asked = new AskedLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(asked);
        Object event;
        try {
            event = serializer.deserialize(stored);
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(event).isEqualTo(enabled);
        assertThat(asked.names).isEmpty();
    }

    /** A loader that sees only the platform's classes, as the system class loader sees a packaged application. */
    private static final class AskedLoader extends ClassLoader {

        final List<String> names = new ArrayList<>();

        AskedLoader() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            names.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
