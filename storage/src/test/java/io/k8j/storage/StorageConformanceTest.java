package io.k8j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The behaviour every {@link Storage} must show, run against each backend by a subclass. Each test
 * works under its own key prefix and compares revisions only with ones it saw, so a backend may be
 * shared across tests (one etcd process) and need not start empty.
 */
public abstract class StorageConformanceTest {
    protected static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger counter = new AtomicInteger();

    protected Storage storage;
    /** This test's own key prefix, ending in '/'. */
    protected String p;

    /** A store for one test; closed after it. */
    protected abstract Storage newStorage() throws Exception;

    @BeforeEach
    void openStorage(TestInfo info) throws Exception {
        storage = newStorage();
        p = "/conformance/" + info.getTestMethod().orElseThrow().getName() + "-" + counter.incrementAndGet() + "/";
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    protected static String s(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    @Test
    void createGetUpdateDelete() {
        KeyValue created = storage.create(p + "a", b("v1"));
        assertThat(created.key()).isEqualTo(p + "a");
        assertThat(created.createRevision()).isEqualTo(created.modRevision()).isPositive();
        assertThat(storage.currentRevision()).isEqualTo(created.modRevision());
        assertThat(s(storage.get(p + "a").value())).isEqualTo("v1");
        assertThat(storage.get(p + "a").modRevision()).isEqualTo(created.modRevision());

        KeyValue updated = storage.update(p + "a", b("v2"), created.modRevision());
        assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
        assertThat(updated.createRevision()).isEqualTo(created.createRevision());
        assertThat(s(updated.value())).isEqualTo("v2");
        assertThat(s(storage.get(p + "a").value())).isEqualTo("v2");

        KeyValue deleted = storage.delete(p + "a", updated.modRevision());
        assertThat(deleted.modRevision()).isGreaterThan(updated.modRevision());
        assertThat(deleted.createRevision()).isEqualTo(created.createRevision());
        assertThat(s(deleted.value())).isEqualTo("v2");
        assertThat(storage.get(p + "a")).isNull();
        assertThat(storage.currentRevision()).isEqualTo(deleted.modRevision());

        KeyValue again = storage.create(p + "a", b("v3"));
        assertThat(again.createRevision()).isEqualTo(again.modRevision()).isGreaterThan(deleted.modRevision());
        assertThat(storage.delete(p + "a", 0).modRevision()).isGreaterThan(again.modRevision());
    }

    @Test
    void emptyValuesStayEmptyNotNull() {
        long start = storage.currentRevision();
        KeyValue kv = storage.create(p + "e", new byte[0]);
        assertThat(storage.get(p + "e").value()).isEmpty();
        kv = storage.update(p + "e", b("x"), kv.modRevision());
        kv = storage.update(p + "e", new byte[0], kv.modRevision());
        storage.delete(p + "e", kv.modRevision());
        WatchRecorder rec = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p, start, rec)) {
            await().atMost(WAIT).until(() -> rec.size() == 4);
        }
        List<WatchEvent> events = rec.events();
        assertThat(events.get(0).kv().value()).isEmpty();
        assertThat(events.get(2).prevKv().value()).containsExactly(b("x"));
        assertThat(events.get(2).kv().value()).isEmpty();
        assertThat(events.get(3).kv().value()).isEmpty();
        assertThat(events.get(3).prevKv().value()).isEmpty();
    }

    @Test
    void failedWritesThrowAndChangeNothing() {
        KeyValue kv = storage.create(p + "a", b("v1"));
        KeyValue v2 = storage.update(p + "a", b("v2"), kv.modRevision());
        long revision = storage.currentRevision();

        assertThatThrownBy(() -> storage.create(p + "a", b("x"))).isInstanceOf(KeyExistsException.class);
        assertThatThrownBy(() -> storage.update(p + "a", b("x"), kv.modRevision()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.current().modRevision()).isEqualTo(v2.modRevision());
                    assertThat(s(e.current().value())).isEqualTo("v2");
                });
        assertThatThrownBy(() -> storage.delete(p + "a", kv.modRevision()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.current().modRevision()).isEqualTo(v2.modRevision()));
        assertThatThrownBy(() -> storage.update(p + "missing", b("x"), 1)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> storage.update(p + "missing", b("x"), 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> storage.delete(p + "missing", 0)).isInstanceOf(KeyNotFoundException.class);

        assertThat(storage.currentRevision()).isEqualTo(revision);
        assertThat(s(storage.get(p + "a").value())).isEqualTo("v2");
        assertThat(storage.get(p + "missing")).isNull();
    }

    @Test
    void listReturnsLiveKeysUnderPrefixInOrder() {
        storage.create(p + "b", b("2"));
        storage.create(p + "a", b("1"));
        KeyValue c = storage.create(p + "c", b("3"));
        storage.create(p + "c/child", b("4"));
        storage.create(p.substring(0, p.length() - 1) + "x", b("sibling, not under the prefix"));
        storage.delete(p + "c", c.modRevision());

        ListResult all = storage.list(p, null, 0);
        assertThat(all.items()).extracting(KeyValue::key).containsExactly(p + "a", p + "b", p + "c/child");
        assertThat(all.more()).isFalse();
        assertThat(all.revision()).isEqualTo(storage.currentRevision());

        ListResult page = storage.list(p, p + "a", 1);
        assertThat(page.items()).extracting(KeyValue::key).containsExactly(p + "b");
        assertThat(page.more()).isTrue();
        assertThat(storage.list(p + "nothing/", null, 0).items()).isEmpty();
    }

    @Test
    void watchDeliversCreateUpdateDeleteWithPreviousValues() {
        long start = storage.currentRevision();
        WatchRecorder rec = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p, start, rec)) {
            KeyValue v1 = storage.create(p + "a", b("v1"));
            KeyValue v2 = storage.update(p + "a", b("v2"), v1.modRevision());
            KeyValue gone = storage.delete(p + "a", v2.modRevision());
            await().atMost(WAIT).until(() -> rec.size() == 3);

            List<WatchEvent> events = rec.events();
            assertThat(events).extracting(WatchEvent::type)
                    .containsExactly(WatchEvent.Type.CREATE, WatchEvent.Type.UPDATE, WatchEvent.Type.DELETE);
            assertThat(events.get(0).prevKv()).isNull();
            assertThat(s(events.get(0).kv().value())).isEqualTo("v1");
            assertThat(s(events.get(1).prevKv().value())).isEqualTo("v1");
            assertThat(events.get(1).prevKv().modRevision()).isEqualTo(v1.modRevision());
            WatchEvent delete = events.get(2);
            assertThat(delete.revision()).isEqualTo(gone.modRevision());
            assertThat(s(delete.kv().value())).isEqualTo("v2");
            assertThat(delete.kv().createRevision()).isEqualTo(v1.createRevision());
            assertThat(s(delete.prevKv().value())).isEqualTo("v2");
            assertThat(delete.prevKv().modRevision()).isEqualTo(v2.modRevision());
        }
    }

    @Test
    void watchResumesFromRevisionWithoutGapsOrDuplicates() throws Exception {
        long start = storage.currentRevision();
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            written.add(storage.create(p + "k" + i, b("v" + i)).modRevision());
        }
        WatchRecorder fromStart = new WatchRecorder();
        WatchRecorder fromMiddle = new WatchRecorder();
        try (WatchHandle w1 = storage.watch(p, start, fromStart); WatchHandle w2 = storage.watch(p, written.get(14), fromMiddle)) {
            // Writes racing the switch from replayed history to live events.
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 30; i < 90; i++) {
                    synchronized (written) {
                        written.add(storage.create(p + "k" + i, b("v" + i)).modRevision());
                    }
                }
            });
            writer.join(WAIT.toMillis());
            assertThat(writer.isAlive()).isFalse();
            await().atMost(WAIT).until(() -> fromStart.size() >= 90 && fromMiddle.size() >= 75);
            assertThat(fromStart.revisions()).isEqualTo(written);
            assertThat(fromMiddle.revisions()).isEqualTo(written.subList(15, 90));
            assertThat(fromMiddle.keys().getFirst()).isEqualTo(p + "k15");
        }
    }

    @Test
    void watchOfPrefixSeesNothingElse() {
        long start = storage.currentRevision();
        WatchRecorder a = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p + "a/", start, a)) {
            storage.create(p + "b/1", b("x"));
            storage.create(p + "a", b("x"));
            storage.create(p + "ab/1", b("x"));
            KeyValue mine = storage.create(p + "a/1", b("x"));
            storage.create(p + "c/1", b("x"));
            WatchRecorder all = new WatchRecorder();
            try (WatchHandle ignored2 = storage.watch(p, start, all)) {
                await().atMost(WAIT).until(() -> all.size() == 5);
            }
            assertThat(a.revisions()).containsExactly(mine.modRevision());
        }
    }

    @Test
    void closedWatchGetsNoMoreEvents() throws Exception {
        WatchRecorder rec = new WatchRecorder();
        WatchHandle handle = storage.watch(p, storage.currentRevision(), rec);
        storage.create(p + "a", b("1"));
        await().atMost(WAIT).until(() -> rec.size() == 1);
        handle.close();
        storage.create(p + "b", b("2"));
        WatchRecorder witness = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p, storage.currentRevision() - 1, witness)) {
            await().atMost(WAIT).until(() -> witness.size() == 1);
        }
        assertThat(rec.size()).isEqualTo(1);
        assertThat(rec.terminated()).isNull();
    }

    @Test
    void compactionForgetsHistoryButKeepsCurrentValues() {
        long start = storage.currentRevision();
        KeyValue kv = storage.create(p + "a", b("v0"));
        for (int i = 1; i <= 5; i++) {
            kv = storage.update(p + "a", b("v" + i), kv.modRevision());
        }
        KeyValue doomed = storage.create(p + "gone", b("x"));
        storage.delete(p + "gone", doomed.modRevision());
        KeyValue other = storage.create(p + "b", b("b"));
        long compactAt = storage.currentRevision();

        storage.compact(compactAt);
        assertThat(storage.compactedRevision()).isGreaterThanOrEqualTo(compactAt);
        assertThatThrownBy(() -> storage.watch(p, start, e -> { }))
                .isInstanceOfSatisfying(CompactedException.class, e -> assertThat(e.requested()).isEqualTo(start));
        storage.compact(compactAt - 1); // older than what is compacted already: nothing to do

        assertThat(s(storage.get(p + "a").value())).isEqualTo("v5");
        assertThat(storage.get(p + "a").createRevision()).isEqualTo(kv.createRevision());
        assertThat(storage.get(p + "gone")).isNull();
        assertThat(storage.list(p, null, 0).items()).extracting(KeyValue::key).containsExactly(p + "a", p + "b");

        WatchRecorder rec = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p, compactAt, rec)) {
            KeyValue next = storage.update(p + "b", b("b2"), other.modRevision());
            await().atMost(WAIT).until(() -> rec.size() == 1);
            assertThat(rec.revisions()).containsExactly(next.modRevision());
            assertThat(s(rec.events().getFirst().prevKv().value())).isEqualTo("b");
        }
    }

    @Test
    void listRevisionIsWhereAWatchPicksUp() {
        storage.create(p + "a", b("1"));
        ListResult list = storage.list(p, null, 0);
        WatchRecorder rec = new WatchRecorder();
        try (WatchHandle ignored = storage.watch(p, list.revision(), rec)) {
            KeyValue b = storage.create(p + "b", b("2"));
            await().atMost(WAIT).until(() -> rec.size() == 1);
            assertThat(rec.revisions()).containsExactly(b.modRevision());
        }
    }

    @Test
    void concurrentGuardedIncrementsLoseNothing() throws Exception {
        String key = p + "counter";
        storage.create(key, b("0"));
        int threads = 4;
        int increments = 100;
        AtomicInteger conflicts = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < increments; i++) {
                    incrementWithRetry(key, conflicts);
                }
            }));
        }
        for (Thread w : workers) {
            w.join(Duration.ofSeconds(60).toMillis());
            assertThat(w.isAlive()).isFalse();
        }
        assertThat(s(storage.get(key).value())).isEqualTo(String.valueOf(threads * increments));
    }

    /** guaranteedUpdate in miniature: read, change, write if unchanged, else retry with what is there now. */
    private void incrementWithRetry(String key, AtomicInteger conflicts) {
        KeyValue current = storage.get(key);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try {
                storage.update(key, b(String.valueOf(Integer.parseInt(s(current.value())) + 1)), current.modRevision());
                return;
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
                current = e.current();
            }
        }
        throw new AssertionError("no update went through in 10000 attempts");
    }

    @Test
    void racingCreatesHaveOneWinner() throws Exception {
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String value = "racer" + t;
            racers.add(Thread.ofPlatform().start(() -> {
                try {
                    storage.create(p + "x", b(value));
                    won.incrementAndGet();
                } catch (KeyExistsException e) {
                    lost.incrementAndGet();
                }
            }));
        }
        for (Thread r : racers) {
            r.join(WAIT.toMillis());
        }
        assertThat(won.get()).isEqualTo(1);
        assertThat(lost.get()).isEqualTo(7);
    }

    @Test
    void largeValuesUpToTheLimit() {
        byte[] mib = new byte[1 << 20];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = (byte) i;
        }
        KeyValue kv = storage.create(p + "big", mib);
        assertThat(storage.get(p + "big").value()).isEqualTo(mib);
        long revision = storage.currentRevision();

        byte[] tooBig = new byte[ValueTooLargeException.DEFAULT_LIMIT + 1];
        assertThatThrownBy(() -> storage.create(p + "huge", tooBig)).isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> storage.update(p + "big", tooBig, kv.modRevision())).isInstanceOf(ValueTooLargeException.class);
        assertThat(storage.currentRevision()).isEqualTo(revision);
        assertThat(storage.get(p + "huge")).isNull();
        assertThat(storage.get(p + "big").value()).isEqualTo(mib);
    }

    @Test
    void thousandsOfKeysPageThroughStartAfterAndLimit() throws Exception {
        int count = 5000;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(p + String.format("obj-%05d", i));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<KeyValue>> done = new ArrayList<>();
            for (String key : expected) {
                done.add(pool.submit(() -> storage.create(key, b(key))));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        storage.create(p.substring(0, p.length() - 1) + "~after", b("not under the prefix"));

        List<String> seen = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < count; pages++) {
            ListResult page = storage.list(p, after, 333);
            page.items().forEach(kv -> assertThat(s(kv.value())).isEqualTo(kv.key()));
            page.items().forEach(kv -> seen.add(kv.key()));
            assertThat(page.items().size()).isLessThanOrEqualTo(333);
            if (!page.more()) {
                break;
            }
            after = page.items().getLast().key();
        }
        assertThat(seen).isEqualTo(expected);
        ListResult all = storage.list(p, null, 0);
        assertThat(all.items()).hasSize(count);
        assertThat(all.more()).isFalse();
        assertThat(storage.list(p, null, count).more()).isFalse();
    }
}
