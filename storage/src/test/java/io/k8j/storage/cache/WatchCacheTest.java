package io.k8j.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.CompactedException;
import io.k8j.storage.ForwardingStorage;
import io.k8j.storage.KeyValue;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import io.k8j.storage.WatchRecorder;
import io.k8j.storage.sqlite.SqliteOptions;
import io.k8j.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the cache does: its bounded history, falling back to the backend, following it through failures. */
class WatchCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private SqliteOptions sqlite() {
        return SqliteOptions.defaults(dir.resolve("k8j.db")).withDurability(SqliteOptions.Durability.PROCESS_CRASH).withoutAutoCompact();
    }

    @Test
    void loadsWhatIsAlreadyStoredAndServesWatchesOnlyFromItsRing() {
        SqliteStorage backend = new SqliteStorage(sqlite());
        KeyValue before = backend.create("/before", "x".getBytes(UTF_8));
        try (WatchCache cache = new WatchCache(backend, 5, Duration.ofSeconds(3))) {
            assertThat(cache.get("/before")).usingRecursiveComparison().isEqualTo(before);
            assertThat(cache.compactedRevision()).isEqualTo(before.modRevision());
            for (int i = 0; i < 8; i++) {
                cache.create("/k" + i, new byte[0]);
            }
            long revision = cache.currentRevision();
            await().atMost(WAIT).until(() -> cache.cacheRevision() == revision);
            assertThatThrownBy(() -> cache.watch("", revision - 6, e -> { })).isInstanceOf(CompactedException.class);
            WatchRecorder rec = new WatchRecorder();
            try (WatchHandle ignored = cache.watch("", revision - 5, rec)) {
                await().atMost(WAIT).until(() -> rec.size() == 5);
            }
        }
    }

    @Test
    void aContinuedListIsBoundedByTheBackendsCompactionNotTheRing() {
        SqliteStorage backend = new SqliteStorage(sqlite());
        try (WatchCache cache = new WatchCache(backend, 2, Duration.ofSeconds(3))) {
            for (int i = 0; i < 6; i++) {
                cache.create("/k" + i, new byte[0]);
            }
            long revision = cache.currentRevision();
            await().atMost(WAIT).until(() -> cache.cacheRevision() == revision);
            assertThat(cache.compactedRevision()).isEqualTo(revision - 2); // watches resume only from the ring
            assertThat(cache.listCompactedRevision()).isZero();
            cache.compact(revision - 3);
            assertThat(cache.listCompactedRevision()).isEqualTo(revision - 3);
        }
    }

    @Test
    void readsGoToTheBackendWhenTheCacheCannotCatchUp() {
        Storage stalled = new ForwardingStorage(new SqliteStorage(sqlite())) {
            @Override
            public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
                return () -> { }; // a feed that never delivers
            }
        };
        try (WatchCache cache = new WatchCache(stalled, 100, Duration.ofMillis(200))) {
            cache.create("/a", "1".getBytes(UTF_8));
            assertThat(cache.get("/a")).isNotNull();
            assertThat(cache.list("/", null, 0).items()).hasSize(1);
            assertThat(cache.cacheRevision()).isZero();
        }
    }

    @Test
    void listRecentAnswersFromMemoryWithoutAskingTheBackendsRevision() {
        AtomicInteger revisionReads = new AtomicInteger();
        Storage counted = new ForwardingStorage(new SqliteStorage(sqlite())) {
            @Override
            public long currentRevision() {
                revisionReads.incrementAndGet();
                return super.currentRevision();
            }
        };
        try (WatchCache cache = new WatchCache(counted)) {
            cache.create("/a", "1".getBytes(UTF_8));
            assertThat(cache.list("/", null, 0).items()).hasSize(1); // a consistent list waits for the cache
            int before = revisionReads.get();

            assertThat(cache.listRecent("/", null, 0).items()).extracting(KeyValue::key).containsExactly("/a");
            assertThat(revisionReads.get()).isEqualTo(before);
        }
    }

    @Test
    void followsTheBackendThroughFeedOverflowWithoutLosingEvents() throws Exception {
        // The backend cuts its watches off after one event of backlog, so the cache's feed keeps ending.
        AtomicInteger feeds = new AtomicInteger();
        Storage backend = new ForwardingStorage(new SqliteStorage(sqlite().withWatchQueueCapacity(1))) {
            @Override
            public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
                feeds.incrementAndGet();
                return super.watch(prefix, afterRevision, listener);
            }
        };
        try (WatchCache cache = new WatchCache(backend)) {
            WatchRecorder rec = new WatchRecorder();
            try (WatchHandle ignored = cache.watch("", cache.cacheRevision(), rec)) {
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int writer = t;
                    writers.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 100; i++) {
                            cache.create("/w" + writer + "/" + i, new byte[0]);
                        }
                    }));
                }
                for (Thread w : writers) {
                    w.join(WAIT.toMillis());
                }
                await().atMost(WAIT).until(() -> rec.size() == 400);
                assertThat(rec.revisions()).isSorted().doesNotHaveDuplicates();
                assertThat(rec.terminated()).isNull();
                assertThat(cache.list("/", null, 0).items()).hasSize(400);
                assertThat(feeds.get()).as("feeds started").isGreaterThan(1);
            }
        }
    }

    @Test
    void relistsWhenTheBackendCompactedWhatTheFeedMissed() {
        List<WatchListener> feeds = new ArrayList<>();
        List<WatchHandle> handles = new ArrayList<>();
        Storage backend = new ForwardingStorage(new SqliteStorage(sqlite())) {
            @Override
            public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
                WatchHandle h = super.watch(prefix, afterRevision, listener);
                synchronized (feeds) {
                    feeds.add((WatchListener) listener);
                    handles.add(h);
                }
                return h;
            }
        };
        try (WatchCache cache = new WatchCache(backend)) {
            KeyValue a = cache.create("/a", "1".getBytes(UTF_8));
            await().atMost(WAIT).until(() -> cache.cacheRevision() == a.modRevision());
            WatchRecorder watcher = new WatchRecorder();
            cache.watch("", a.modRevision(), watcher);

            handles.getFirst().close(); // the feed goes quiet...
            cache.update("/a", "2".getBytes(UTF_8), a.modRevision());
            KeyValue b = cache.create("/b", "3".getBytes(UTF_8));
            backend.compact(b.modRevision()); // ...and what it missed is compacted away
            feeds.getFirst().onTerminated(new StorageException("feed lost"));

            await().atMost(WAIT).until(() -> cache.cacheRevision() == b.modRevision());
            assertThat(new String(cache.get("/a").value(), UTF_8)).isEqualTo("2");
            assertThat(cache.get("/b")).isNotNull();
            await().atMost(WAIT).until(() -> watcher.terminated() != null);
            assertThat(watcher.terminated()).isInstanceOf(CompactedException.class);
            assertThat(cache.compactedRevision()).isEqualTo(b.modRevision());
        }
    }
}
