package io.k8j.client;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AsyncEventSinkTest {
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch apiServerAnswers = new CountDownLatch(1);
    private AsyncEventSink sink;

    @AfterEach
    void close() {
        apiServerAnswers.countDown();
        sink.close();
    }

    private static ObjectReference pod(String name) {
        return new ObjectReferenceBuilder().withKind("Pod").withNamespace("default").withName(name).withUid(name).build();
    }

    @Test
    void eventsAreWrittenInOrderOffTheCallersThread() {
        Thread caller = Thread.currentThread();
        sink = new AsyncEventSink((ref, type, reason, message) -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            written.add(ref.getName() + " " + reason);
        }, new EventSpamFilter(Clock.systemUTC()), 10);
        sink.record(pod("a"), "Normal", "Created", "Created container: c");
        sink.record(pod("b"), "Normal", "Started", "Started container c");
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
        assertThat(written).containsExactly("a Created", "b Started");
    }

    @Test
    void aStuckApiServerNeitherBlocksTheCallerNorGrowsTheQueue() {
        CountDownLatch writing = new CountDownLatch(1);
        sink = new AsyncEventSink((ref, type, reason, message) -> {
            writing.countDown();
            try {
                apiServerAnswers.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(ref.getName());
        }, new EventSpamFilter(Clock.systemUTC()), 3);
        sink.record(pod("p0"), "Warning", "Unhealthy", "Liveness probe failed: ");
        await().atMost(Duration.ofSeconds(5)).until(() -> writing.getCount() == 0);
        long started = System.nanoTime();
        for (int i = 1; i < 10; i++) {
            sink.record(pod("p" + i), "Warning", "Unhealthy", "Liveness probe failed: ");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        apiServerAnswers.countDown();
        // p0 was being written while three waited in the queue; the other six were dropped.
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() >= 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> written.size() == 4);
        assertThat(written).containsExactly("p0", "p1", "p2", "p3");
    }

    @Test
    void anObjectPastItsBurstIsFilteredBeforeItTakesQueueSpace() {
        sink = new AsyncEventSink((ref, type, reason, message) -> written.add(ref.getName()),
                new EventSpamFilter(Clock.systemUTC()), 100);
        for (int i = 0; i < 30; i++) {
            sink.record(pod("noisy"), "Warning", "Unhealthy", "Readiness probe failed: " + i);
        }
        sink.record(pod("quiet"), "Normal", "Started", "Started container c");
        await().atMost(Duration.ofSeconds(5)).until(() -> written.contains("quiet"));
        assertThat(written.stream().filter("noisy"::equals).count()).isEqualTo(EventSpamFilter.BURST);
    }
}
