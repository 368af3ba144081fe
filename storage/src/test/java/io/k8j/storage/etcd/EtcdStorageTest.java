package io.k8j.storage.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.k8j.storage.CompactedException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchRecorder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the etcd backend needs: learning of compactions it did not make itself. */
class EtcdStorageTest {
    @RegisterExtension
    static final EtcdExtension ETCD = new EtcdExtension();

    @Test
    void anotherClientsCompactionIsRefusedUpFront() {
        String url = ETCD.url();
        try (EtcdStorage compactor = EtcdStorage.connect(url); EtcdStorage other = EtcdStorage.connect(url + "," + url)) {
            long start = compactor.currentRevision();
            KeyValue kv = compactor.create("/other/a", "1".getBytes(UTF_8));
            compactor.update("/other/a", "2".getBytes(UTF_8), kv.modRevision());
            long compactedAt = compactor.currentRevision();
            compactor.compact(compactedAt);

            assertThat(other.compactedRevision()).isZero(); // etcd never told it
            assertThatThrownBy(() -> other.watch("/other/", start, e -> { })).isInstanceOf(CompactedException.class);
            WatchRecorder rec = new WatchRecorder();
            try (WatchHandle ignored = other.watch("/other/", compactedAt, rec)) {
                KeyValue next = other.create("/other/b", new byte[0]);
                await().atMost(Duration.ofSeconds(15)).until(() -> rec.size() == 1);
                assertThat(rec.revisions()).containsExactly(next.modRevision());
            }
        }
    }

    @Test
    void watchCompactedErrorEndsTheWatchWithCompactedException() {
        AtomicLong compacted = new AtomicLong();
        EtcdCalls calls = new EtcdCalls(Duration.ofSeconds(1), compacted);
        StorageException failure = calls.watchFailure(EtcdExceptionFactory.newCompactedException(42), 7);
        assertThat(failure).isInstanceOfSatisfying(CompactedException.class, e -> {
            assertThat(e.requested()).isEqualTo(7);
            assertThat(e.oldest()).isEqualTo(42);
        });
        assertThat(compacted).hasValue(42);
        assertThat(calls.watchFailure(new RuntimeException("unavailable"), 7)).isNotInstanceOf(CompactedException.class);
    }
}
