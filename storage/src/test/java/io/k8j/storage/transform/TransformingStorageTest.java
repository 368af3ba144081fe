package io.k8j.storage.transform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.cache.WatchCache;
import io.k8j.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers and the watch cache see plain values, the backend only transformed ones; unreadable values fail alone. */
class TransformingStorageTest {
    @TempDir
    Path tmp;

    /** "Encrypts" keys under /secret/ by reversing the bytes behind the prefix "enc:GEN:"; refuses values of other gens. */
    private static final class Reversing implements ValueTransformer {
        volatile String generation = "1";

        @Override
        public byte[] toStorage(String key, byte[] value) {
            return key.startsWith("/secret/") ? ("enc:" + generation + ":" + new StringBuilder(new String(value, UTF_8)).reverse()).getBytes(UTF_8) : value;
        }

        @Override
        public Read fromStorage(String key, byte[] stored) {
            String s = new String(stored, UTF_8);
            if (!key.startsWith("/secret/")) {
                return new Read(stored, "");
            }
            if (!s.startsWith("enc:")) {
                throw new TransformException("no matching prefix found");
            }
            String prefix = s.substring(0, 6);
            if (prefix.equals("enc:0:")) {
                throw new TransformException("key 0 is gone");
            }
            return new Read(new StringBuilder(s.substring(6)).reverse().toString().getBytes(UTF_8), prefix);
        }

        @Override
        public String writePrefix(String key) {
            return key.startsWith("/secret/") ? "enc:" + generation + ":" : "";
        }
    }

    private SqliteStorage backend;
    private final Reversing transformer = new Reversing();
    private TransformingStorage storage;

    @BeforeEach
    void open() {
        backend = new SqliteStorage(tmp.resolve("state.db"));
        storage = new TransformingStorage(backend, transformer);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void callersSeePlainValuesAndTheBackendTransformedOnes() {
        KeyValue created = storage.create("/secret/a", "hunter2".getBytes(UTF_8));
        storage.create("/plain/b", "open".getBytes(UTF_8));

        assertThat(new String(created.value(), UTF_8)).isEqualTo("hunter2");
        assertThat(new String(backend.get("/secret/a").value(), UTF_8)).isEqualTo("enc:1:2retnuh");
        assertThat(new String(backend.get("/plain/b").value(), UTF_8)).isEqualTo("open");
        assertThat(new String(storage.get("/secret/a").value(), UTF_8)).isEqualTo("hunter2");
        assertThat(storage.list("/", null, 0).items()).extracting(kv -> new String(kv.value(), UTF_8))
                .containsExactly("open", "hunter2");
        KeyValue updated = storage.update("/secret/a", "swordfish".getBytes(UTF_8), created.modRevision());
        assertThatThrownBy(() -> storage.update("/secret/a", "x".getBytes(UTF_8), created.modRevision()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(new String(e.current().value(), UTF_8)).isEqualTo("swordfish"));
        assertThat(new String(storage.delete("/secret/a", updated.modRevision()).value(), UTF_8)).isEqualTo("swordfish");
    }

    @Test
    void theWatchCacheHoldsAndStreamsPlainValues() {
        storage.create("/secret/a", "hunter2".getBytes(UTF_8));
        try (WatchCache cache = new WatchCache(storage)) {
            List<WatchEvent> events = new CopyOnWriteArrayList<>();
            cache.watch("/secret/", cache.currentRevision(), events::add);
            KeyValue b = cache.create("/secret/b", "swordfish".getBytes(UTF_8));

            assertThat(new String(cache.get("/secret/a").value(), UTF_8)).isEqualTo("hunter2");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
            assertThat(new String(events.getFirst().kv().value(), UTF_8)).isEqualTo("swordfish");
            assertThat(b.modRevision()).isEqualTo(events.getFirst().revision());
        }
    }

    @Test
    void aValueThatCannotBeReadBecomesAnUnreadableMarkerNamingTheKey() {
        backend.create("/secret/lost", "enc:0:xyz".getBytes(UTF_8));
        storage.create("/secret/ok", "fine".getBytes(UTF_8));

        assertThat(Unreadable.reason(storage.get("/secret/lost").value()))
                .isEqualTo("unable to transform key \"/secret/lost\": key 0 is gone");
        assertThat(storage.list("/secret/", null, 0).items()).extracting(kv -> Unreadable.reason(kv.value()))
                .containsExactly(Unreadable.reason(storage.get("/secret/lost").value()), null);
    }

    @Test
    void aValueStoredUnderAnOlderPrefixIsStaleUntilRewritten() {
        KeyValue a = storage.create("/secret/a", "v".getBytes(UTF_8));
        storage.create("/plain/b", "v".getBytes(UTF_8));
        assertThat(storage.isStale("/secret/a")).isFalse();

        transformer.generation = "2";

        assertThat(storage.isStale("/secret/a")).isTrue();
        assertThat(storage.isStale("/plain/b")).isFalse();
        storage.update("/secret/a", "v".getBytes(UTF_8), a.modRevision());
        assertThat(storage.isStale("/secret/a")).isFalse();
        assertThat(new String(backend.get("/secret/a").value(), UTF_8)).startsWith("enc:2:");
    }
}
