package io.k8j.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {
    private final AtomicLong now = new AtomicLong();
    private final WorkQueue queue = new WorkQueue(now::get);

    @Test
    void aKeyIsQueuedOnce() throws Exception {
        queue.add("a");
        queue.add("a");
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(queue.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aKeyAddedWhileProcessedComesBackWhenDone() throws Exception {
        queue.add("a");
        String key = queue.poll(Duration.ZERO);
        queue.add("a");
        assertThat(queue.poll(Duration.ZERO)).as("not handed out twice at once").isNull();
        queue.done(key);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    /** Regression: a reconcile asking for "again in 5 minutes" was run again at once, in a hot loop. */
    @Test
    void aDelayAskedForWhileProcessedIsKeptAfterDone() throws Exception {
        queue.add("a");
        String key = queue.poll(Duration.ZERO);
        queue.addAfter("a", Duration.ofMinutes(5));
        queue.done(key);
        assertThat(queue.poll(Duration.ZERO)).isNull();
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    @Test
    void anImmediateAddWhileProcessedWinsOverADelayedOne() throws Exception {
        queue.add("a");
        String key = queue.poll(Duration.ZERO);
        queue.addAfter("a", Duration.ofMinutes(5));
        queue.add("a");
        queue.done(key);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    @Test
    void aDelayedAddWhileProcessedWaitsItsTimeAfterDone() throws Exception {
        queue.add("a");
        String key = queue.poll(Duration.ZERO);
        queue.addAfter("a", Duration.ofSeconds(5));
        queue.addRateLimited("a");
        queue.done(key);
        assertThat(queue.poll(Duration.ZERO)).as("the backoff holds, not an immediate retry").isNull();
        now.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(queue.poll(Duration.ZERO)).as("the earliest delay wins").isEqualTo("a");
    }

    @Test
    void aDelayedAddDueWhileProcessedComesBackWhenDone() throws Exception {
        queue.add("a");
        String key = queue.poll(Duration.ZERO);
        queue.addAfter("a", Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(queue.poll(Duration.ZERO)).as("not handed out twice at once").isNull();
        queue.done(key);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    @Test
    void delayedKeysWaitForTheirTime() throws Exception {
        queue.addAfter("later", Duration.ofSeconds(5));
        queue.add("now");
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("now");
        assertThat(queue.poll(Duration.ZERO)).isNull();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("later");
    }

    @Test
    void anEarlierAddWinsOverALaterOne() throws Exception {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.add("a");
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    @Test
    void failuresBackOffExponentiallyUntilForgotten() throws Exception {
        assertThat(failAndRetryAfterMillis()).isEqualTo(5);
        assertThat(failAndRetryAfterMillis()).isEqualTo(10);
        assertThat(failAndRetryAfterMillis()).isEqualTo(20);
        queue.forget("a");
        assertThat(failAndRetryAfterMillis()).isEqualTo(5);
    }

    /** Fails key "a" once and returns after how many milliseconds it is handed out again. */
    private long failAndRetryAfterMillis() throws Exception {
        queue.addRateLimited("a");
        for (long waited = 0; waited <= 1000; waited++) {
            String key = queue.poll(Duration.ZERO);
            if (key != null) {
                queue.done(key);
                return waited;
            }
            now.addAndGet(Duration.ofMillis(1).toNanos());
        }
        throw new AssertionError("key never came back");
    }

    @Test
    void shutDownReleasesWaiters() throws Exception {
        Thread t = Thread.ofVirtual().start(queue::shutDown);
        assertThat(new WorkQueue().poll(Duration.ofMillis(10))).isNull();
        t.join();
        assertThat(queue.poll(Duration.ofSeconds(5))).isNull();
    }
}
