package org.vas.registry.model.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.ToIntFunction;

/**
 * Copies of what the read model held, each tagged with the read model version it was read at, in the statement
 * that read it (decision 25). A copy answers only a caller that asks at exactly that version, which
 * {@link ReadModelHead} says is the read model's version now: every change to the read model moves it, so such a
 * copy is the read model. Bounded by weight and reported as a cache under its name.
 */
public final class CurrentCopies<K, V> {

    private record Copy<V>(long stateVersion, V value) {
    }

    private final Cache<K, Copy<V>> copies;

    /** {@code weigher} tells what a copy weighs, in the unit of {@code maxWeight}. */
    public CurrentCopies(String name, MeterRegistry meters, long maxWeight, ToIntFunction<V> weigher) {
        this.copies = Caffeine.newBuilder()
                .maximumWeight(maxWeight)
                .weigher((K key, Copy<V> copy) -> weigher.applyAsInt(copy.value()))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, copies, name);
    }

    /** The copy of {@code key} read at {@code stateVersion}; null when there is none, or one of another version. */
    public V at(K key, long stateVersion) {
        Copy<V> copy = copies.getIfPresent(key);
        return copy != null && copy.stateVersion() == stateVersion ? copy.value() : null;
    }

    /** Keeps {@code value}, which must never change, as the read model held it at {@code stateVersion}. */
    public void keep(K key, long stateVersion, V value) {
        copies.put(key, new Copy<>(stateVersion, value));
    }
}
