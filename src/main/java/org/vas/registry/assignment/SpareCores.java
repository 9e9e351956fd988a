package org.vas.registry.assignment;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Judges a large batch on the cores that are idle at that moment, the caller's thread among them. A helper is
 * handed work only if one of its threads is waiting: the executor queues nothing, so when every core is busy (many
 * requests at once) the caller judges its whole batch itself, as it would without helpers, and never waits for a
 * share that has not started. Shares are claimed in turn, so a helper that starts late or runs slow takes fewer.
 *
 * <p>What is judged here must not read the database: {@link AssignmentValidator} reads every schema text a batch
 * needs on the caller's thread before judging starts (decision 37), so a helper cannot hold a connection, wait out
 * an outage, or go on reading after its caller has answered.
 */
@Component
class SpareCores {

    /** Below this, handing work to another thread costs more than it saves. */
    static final int MIN_PARALLEL = 64;
    /** Small enough that the shares even out, large enough that claiming one is negligible beside judging it. */
    static final int SHARE = 16;

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor helpers;

    SpareCores() {
        this(Runtime.getRuntime().availableProcessors() - 1);
    }

    SpareCores(int helperThreads) {
        this.helpers = helperThreads < 1 ? null : new ThreadPoolExecutor(helperThreads, helperThreads, 60,
                TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "validation-helper-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    // The validator library reads its meta-schemas through the context class loader (decision 35).
                    thread.setContextClassLoader(SpareCores.class.getClassLoader());
                    return thread;
                }, (task, executor) -> task.run());
        if (helpers != null) {
            helpers.allowCoreThreadTimeOut(true);
        }
    }

    /** {@code judge} applied to each item, in order; a failure of any share is thrown here, on the caller's thread. */
    <T, R> List<R> map(List<T> items, Function<T, R> judge) {
        if (helpers == null || items.size() < MIN_PARALLEL) {
            return items.stream().map(judge).toList();
        }
        Object[] results = new Object[items.size()];
        Shares shares = new Shares(items.size());
        Map<String, String> context = MDC.getCopyOfContextMap();
        // A helper refused because every helper is busy runs on the caller's thread at once, claiming every share.
        List<CompletableFuture<Void>> started = new ArrayList<>();
        int wanted = Math.min(helpers.getMaximumPoolSize(), shares.count - 1);
        for (int i = 0; i < wanted; i++) {
            CompletableFuture<Void> helped = new CompletableFuture<>();
            helpers.execute(() -> {
                Map<String, String> own = MDC.getCopyOfContextMap();
                setContext(context);
                try {
                    shares.judge(items, judge, results);
                    helped.complete(null);
                } catch (Throwable failure) {
                    helped.completeExceptionally(failure);
                } finally {
                    setContext(own);
                }
            });
            started.add(helped);
        }
        Throwable failure = null;
        try {
            shares.judge(items, judge, results);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // A helper handed its task but not yet running finds nothing left to claim and finishes at once.
        shares.close();
        for (CompletableFuture<Void> helped : started) {
            try {
                helped.join();
            } catch (CompletionException e) {
                failure = failure != null ? failure : e.getCause();
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        @SuppressWarnings("unchecked")
        List<R> judged = (List<R>) Arrays.asList(results);
        return List.copyOf(judged);
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    @PreDestroy
    void stop() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    /** The batch cut in runs of {@value #SHARE}, claimed one at a time by whichever thread is free. */
    private static final class Shares {

        private final int items;
        private final int count;
        private final AtomicInteger next = new AtomicInteger();

        Shares(int items) {
            this.items = items;
            this.count = (items + SHARE - 1) / SHARE;
        }

        <T, R> void judge(List<T> batch, Function<T, R> judge, Object[] results) {
            for (int share = next.getAndIncrement(); share < count; share = next.getAndIncrement()) {
                try {
                    for (int i = share * SHARE; i < Math.min(items, (share + 1) * SHARE); i++) {
                        results[i] = judge.apply(batch.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    close();
                    throw e;
                }
            }
        }

        /** No share is claimed after this: once one has failed, the others stop at their next claim. */
        void close() {
            next.set(count);
        }
    }
}
