package io.k8j.storage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.KeyValue;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchListener;
import io.k8j.storage.WatchRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueuedWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WatchEvent event(String key, long revision) {
        return new WatchEvent(WatchEvent.Type.CREATE, new KeyValue(key, new byte[0], revision, revision), null);
    }

    @Test
    void deliversReplayThenLiveEventsFilteredByPrefixAndRevision() {
        WatchRecorder rec = new WatchRecorder();
        QueuedWatch w = new QueuedWatch("/a/", 1, 10, rec, x -> { });
        w.offer(event("/a/early", 1));
        w.offer(event("/b/other", 3));
        w.offer(event("/a/live", 4));
        w.start(sink -> sink.test(event("/a/replayed", 2)));
        await().atMost(WAIT).until(() -> rec.size() == 2);
        assertThat(rec.keys()).containsExactly("/a/replayed", "/a/live");
        w.close();
    }

    @Test
    void slowListenerIsCutOffWithoutBlockingThePublisher() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();
        List<StorageException> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueuedWatch w = new QueuedWatch("", 0, 5, WatchListener.of(e -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, causes::add), x -> ended.incrementAndGet());
        w.start(null);
        long started = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            w.offer(event("/k", i)); // the listener is stuck on the first event
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        release.countDown();
        await().atMost(WAIT).until(() -> causes.size() == 1 && ended.get() > 0);
        assertThat(causes.getFirst().getMessage()).contains("fell more than 5 events behind");
    }

    @Test
    void noEventsOrTerminationAfterClose() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WatchRecorder rec = new WatchRecorder();
        QueuedWatch w = new QueuedWatch("", 0, 100, WatchListener.of(e -> {
            inListener.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            rec.accept(e);
        }, rec::onTerminated), x -> { });
        w.start(null);
        w.offer(event("/k", 1));
        w.offer(event("/k", 2));
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.ofVirtual().start(w::close);
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the event being delivered").isTrue();
        release.countDown();
        closer.join(WAIT.toMillis());
        w.terminate(new StorageException("too late"));
        w.offer(event("/k", 3));
        Thread.sleep(100);
        assertThat(rec.revisions()).containsExactly(1L);
        assertThat(rec.terminated()).isNull();
    }

    @Test
    void failingListenerEndsTheWatch() {
        WatchRecorder seen = new WatchRecorder();
        QueuedWatch w = new QueuedWatch("", 0, 10, WatchListener.of(e -> {
            throw new IllegalStateException("bug in listener");
        }, seen::onTerminated), x -> { });
        w.start(null);
        w.offer(event("/k", 1));
        await().atMost(WAIT).until(() -> seen.terminated() != null);
        assertThat(seen.terminated()).hasCauseInstanceOf(IllegalStateException.class);
    }
}
