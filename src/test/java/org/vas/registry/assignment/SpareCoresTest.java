package org.vas.registry.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpareCoresTest {

    private static final String HELPER = "validation-helper-1";

    private final SpareCores cores = new SpareCores(1);

    @AfterEach
    void stop() {
        cores.stop();
        MDC.clear();
    }

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /**
     * Holds each thread's first item until the other thread has reached its own, so that the helper surely takes
     * part: the caller, held on its first share, cannot claim them all before the helper runs.
     */
    private static final class Together {

        private final CyclicBarrier both = new CyclicBarrier(2);
        private final Set<String> arrived = ConcurrentHashMap.newKeySet();

        void meet() {
            if (arrived.add(Thread.currentThread().getName())) {
                try {
                    both.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other thread never took part", e);
                }
            }
        }
    }

    @Test
    void aLargeBatchIsJudgedInOrderByTheCallerAndAnIdleHelperTogether() {
        Together together = new Together();

        List<Integer> judged = cores.map(items(200), item -> {
            together.meet();
            return item * 2;
        });

        assertThat(judged).isEqualTo(items(200).stream().map(item -> item * 2).toList());
        assertThat(together.arrived).containsExactlyInAnyOrder(Thread.currentThread().getName(), HELPER);
    }

    @Test
    void aSmallBatchIsJudgedOnTheCallersThreadAlone() {
        Set<String> threads = ConcurrentHashMap.newKeySet();

        cores.map(items(SpareCores.MIN_PARALLEL - 1), item -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void whenEveryHelperIsBusyTheCallerJudgesItsWholeBatchWithoutWaitingForOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        CompletableFuture<List<Integer>> busy = CompletableFuture.supplyAsync(() -> cores.map(items(100), item -> {
            if (item % SpareCores.SHARE == 0) {
                blocked.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return item;
        }));
        while (blocked.get() < 2) {
            Thread.sleep(5);
        }
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<Integer> judged = cores.map(items(100), item -> {
            threads.add(Thread.currentThread().getName());
            return item;
        });
        release.countDown();

        assertThat(judged).isEqualTo(items(100));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThat(busy.get(30, TimeUnit.SECONDS)).isEqualTo(items(100));
    }

    @Test
    void aFailureOfAnyShareIsThrownOnTheCallersThreadAndTheOtherSharesStop() {
        AtomicInteger judged = new AtomicInteger();
        Together together = new Together();

        assertThatThrownBy(() -> cores.map(items(1_000), item -> {
            together.meet();
            judged.incrementAndGet();
            if (Thread.currentThread().getName().equals(HELPER)) {
                throw new IllegalStateException("cannot judge " + item);
            }
            sleep();
            return item;
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot judge");

        assertThat(judged.get()).as("the caller stopped claiming").isLessThan(500);
        Together again = new Together();
        assertThat(cores.map(items(100), item -> {
            again.meet();
            return item;
        })).isEqualTo(items(100));
        assertThat(again.arrived).as("the helper serves the next batch").contains(HELPER);
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void helpersLogWithTheCallersCorrelationIdAndLoadClassesAsTheApplicationDoesWhoeverStartedThem()
            throws Exception {
        Map<String, String> ids = new ConcurrentHashMap<>();
        Map<String, ClassLoader> loaders = new ConcurrentHashMap<>();
        Together together = new Together();
        // The helper's thread is made by the first batch's caller: one that sees only the platform's classes.
        Thread caller = new Thread(() -> {
            MDC.put("correlation_id", "batch-1");
            cores.map(items(200), item -> {
                together.meet();
                ids.put(Thread.currentThread().getName(), String.valueOf(MDC.get("correlation_id")));
                loaders.put(Thread.currentThread().getName(), Thread.currentThread().getContextClassLoader());
                return item;
            });
            MDC.clear();
        }, "platform-loader-caller");
        caller.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        caller.start();
        caller.join(30_000);

        assertThat(ids).containsEntry("platform-loader-caller", "batch-1").containsEntry(HELPER, "batch-1");
        assertThat(loaders.get(HELPER).loadClass(SpareCores.class.getName())).isSameAs(SpareCores.class);
    }
}
