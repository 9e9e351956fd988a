package org.vas.registry.assignment;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Judges a large batch on the caller's thread and on helper threads that are idle at that moment, at most one per
 * core beyond the first. The helpers' executor queues nothing: a helper that is not idle (nor yet started) is
 * refused, and a refused helper's task runs on the caller at once, so when many requests arrive together each
 * caller judges its whole batch itself, as it would without helpers. Shares are claimed in turn, so a helper that
 * starts late or runs slow takes fewer, and the caller waits only for a helper that has begun: one handed its task
 * but not yet running when the caller has finished is skipped.
 *
 * <p>What is judged here must not read the database: {@link AssignmentValidator} reads every schema a batch needs on
 * the caller's thread before judging starts (decision 37), so a helper cannot hold a connection, wait out an outage,
 * or go on reading after its caller has answered.
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
                    // Not the creating thread's: the compiler guards the validator library's meta-schema reads
                    // itself (decision 35), and no other class a judgement loads should depend on who asked first.
                    thread.setContextClassLoader(SpareCores.class.getClassLoader());
                    return thread;
                }, (task, executor) -> task.run());
        if (helpers != null) {
            helpers.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * {@code judge} applied to each item, in order. A failure of any share is thrown here, on the caller's thread:
     * the caller's own if it had one, else the first helper's, with any others suppressed.
     */
    <T, R> List<R> map(List<T> items, Function<T, R> judge) {
        if (helpers == null || items.size() < MIN_PARALLEL) {
            return items.stream().map(judge).toList();
        }
        Object[] results = new Object[items.size()];
        Shares shares = new Shares(items.size());
        Map<String, String> context = MDC.getCopyOfContextMap();
        List<Helper> handed = new ArrayList<>();
        for (int i = 0; i < Math.min(helpers.getMaximumPoolSize(), shares.count - 1); i++) {
            Helper helper = new Helper(() -> shares.judge(items, judge, results), context);
            try {
                helpers.execute(helper);
            } catch (OutOfMemoryError cannotStartThread) {
                // No thread for a helper: the caller judges the shares it would have taken.
                break;
            }
            handed.add(helper);
        }
        Throwable failure = null;
        try {
            shares.judge(items, judge, results);
        } catch (Throwable e) {
            failure = e;
        }
        for (Helper helper : handed) {
            Throwable helperFailure = helper.awaitIfBegun();
            if (helperFailure != null && failure == null) {
                failure = helperFailure;
            } else if (helperFailure != null && helperFailure != failure) {
                failure.addSuppressed(helperFailure);
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
        List<R> judged = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        return judged;
    }

    @PreDestroy
    void stop() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    /**
     * One helper's task. Whichever comes first takes it: the helper beginning, or the caller skipping it once the
     * caller has nothing left to claim; so the caller never waits for a thread the scheduler has yet to run.
     */
    private static final class Helper implements Runnable {

        private final Runnable work;
        private final Map<String, String> context;
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Helper(Runnable work, Map<String, String> context) {
            this.work = work;
            this.context = context;
        }

        @Override
        public void run() {
            if (!taken.compareAndSet(false, true)) {
                return;
            }
            Map<String, String> own = MDC.getCopyOfContextMap();
            try {
                setContext(context);
                work.run();
                done.complete(null);
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            } finally {
                setContext(own);
            }
        }

        /** Null if the helper never began or judged its shares; otherwise what it failed with. */
        Throwable awaitIfBegun() {
            if (taken.compareAndSet(false, true)) {
                return null;
            }
            try {
                done.join();
                return null;
            } catch (CompletionException e) {
                return e.getCause();
            }
        }

        private static void setContext(Map<String, String> context) {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
        }
    }

    /** The batch cut in runs of {@value #SHARE}, claimed one at a time by whichever thread is free. */
    private static final class Shares {

        private final int itemCount;
        private final int count;
        private final AtomicInteger next = new AtomicInteger();

        Shares(int itemCount) {
            this.itemCount = itemCount;
            this.count = (itemCount + SHARE - 1) / SHARE;
        }

        <T, R> void judge(List<T> batch, Function<T, R> judge, Object[] results) {
            for (int share = next.getAndIncrement(); share < count; share = next.getAndIncrement()) {
                try {
                    for (int i = share * SHARE; i < Math.min(itemCount, (share + 1) * SHARE); i++) {
                        results[i] = judge.apply(batch.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    // Once one share has failed, the others stop at their next claim.
                    next.set(count);
                    throw e;
                }
            }
        }
    }
}
