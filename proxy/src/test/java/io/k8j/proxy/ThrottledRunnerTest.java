package io.k8j.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThrottledRunnerTest {
    @Test
    void theFirstRequestRunsAtOnceAndABurstWithinTheIntervalIsOneLaterRun() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            AtomicLong secondRunAt = new AtomicLong();
            long interval = TimeUnit.MILLISECONDS.toNanos(300);
            ThrottledRunner runner = new ThrottledRunner(executor, () -> {
                if (runs.incrementAndGet() == 2) {
                    secondRunAt.set(System.nanoTime());
                }
            }, interval, System::nanoTime);
            long start = System.nanoTime();
            runner.request();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
            for (int i = 0; i < 20; i++) {
                runner.request();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
            assertThat(secondRunAt.get() - start).isGreaterThanOrEqualTo(interval);
            Thread.sleep(500); // nothing else was asked for: no third run
            assertThat(runs.get()).isEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
    }
}
