package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * A rebuild or a verification folds the registry a chunk of models at a time, and the next chunk is read and
 * folded while the caller still writes or compares the one before: checked by a caller that does not let go of the
 * first chunk until the second is folded, not in time.
 */
@RegistryTest
class FoldAheadTest {

    @LocalServerPort
    int port;
    @Autowired
    EventLog log;

    @Test
    void theNextChunkIsFoldedWhileTheCallerHandlesTheOneBefore() {
        Api api = new Api(port);
        String tag = Api.uniqueId("ahead");
        List<String> registered = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            registered.add(tag + "-" + m);
            assertThat(api.register(tag + "-" + m).status()).isEqualTo(201);
        }
        CountDownLatch twoFolded = new CountDownLatch(2);
        List<String> handled = new ArrayList<>();
        boolean[] secondFoldedMeanwhile = {false};

        log.foldModels(log.head(), 2, fold -> {
            twoFolded.countDown();
            return fold.modelIds();
        }, ids -> {
            if (handled.isEmpty()) {
                secondFoldedMeanwhile[0] = await(twoFolded);
            }
            handled.addAll(ids);
        });

        assertThat(secondFoldedMeanwhile[0]).as("the second chunk folded while the first was handled").isTrue();
        assertThat(handled).doesNotHaveDuplicates().containsAll(registered);
    }

    @Test
    void aFoldThatStartsWhileAnotherWorksAheadFoldsOnItsCallersThread() {
        Api api = new Api(port);
        for (int m = 0; m < 3; m++) {
            assertThat(api.register(Api.uniqueId("inline") + "-" + m).status()).isEqualTo(201);
        }
        long head = log.head();
        Set<Thread> secondFoldThreads = new HashSet<>();

        log.foldModels(head, 2, fold -> fold, first -> {
            if (secondFoldThreads.isEmpty()) {
                log.foldModels(head, 2, fold -> Thread.currentThread(), secondFoldThreads::add);
            }
        });

        assertThat(secondFoldThreads).containsExactly(Thread.currentThread());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
