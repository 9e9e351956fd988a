package org.vas.registry.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SpareCoresTest {

    private final SpareCores cores = new SpareCores(1);

    @AfterEach
    void stop() {
        cores.stop();
        MDC.clear();
    }

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLargeBatchIsJudgedInOrderByTheCallerAndAnIdleHelperTogether() {
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<Integer> judged = cores.map(items(200), item -> {
            threads.add(Thread.currentThread().getName());
            pause();
            return item * 2;
        });

        assertThat(judged).isEqualTo(items(200).stream().map(item -> item * 2).toList());
        assertThat(threads).contains(Thread.currentThread().getName(), "validation-helper-1");
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

        assertThatThrownBy(() -> cores.map(items(1_000), item -> {
            judged.incrementAndGet();
            pause();
            if (item == 40) {
                throw new IllegalStateException("cannot judge " + item);
            }
            return item;
        })).isInstanceOf(IllegalStateException.class).hasMessage("cannot judge 40");

        assertThat(judged.get()).isLessThan(1_000);
        assertThat(cores.map(items(100), item -> item)).as("the helper serves the next batch").isEqualTo(items(100));
    }

    @Test
    void helpersLogWithTheCallersCorrelationIdAndLoadClassesAsTheApplicationDoes() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<ClassLoader> loaders = ConcurrentHashMap.newKeySet();
        MDC.put("correlation_id", "batch-1");

        cores.map(items(200), item -> {
            seen.add(String.valueOf(MDC.get("correlation_id")));
            loaders.add(Thread.currentThread().getContextClassLoader());
            pause();
            return item;
        });
        MDC.remove("correlation_id");
        cores.map(items(200), item -> {
            if (Thread.currentThread().getName().startsWith("validation-helper")) {
                seen.add(String.valueOf(MDC.get("correlation_id")));
            }
            pause();
            return item;
        });

        assertThat(seen).as("the helper keeps no id of a batch it has finished").containsExactlyInAnyOrder(
                "batch-1", "null");
        assertThat(loaders).allSatisfy(loader -> assertThat(loader.loadClass(SpareCores.class.getName()))
                .isSameAs(SpareCores.class));
    }
}
