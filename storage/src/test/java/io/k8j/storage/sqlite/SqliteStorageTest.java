package io.k8j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.CompactedException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import io.k8j.storage.WatchRecorder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite backend promises: persistence across reopen, the lock file, upkeep. */
class SqliteStorageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private SqliteOptions options() {
        return SqliteOptions.defaults(dir.resolve("k8j.db")).withoutAutoCompact();
    }

    @Test
    void reopenKeepsDataRevisionAndCompactionMark() {
        long compactedAt;
        try (SqliteStorage s = new SqliteStorage(options())) {
            assertThat(s.currentRevision()).isZero();
            KeyValue a = s.create("/a", "1".getBytes(UTF_8));
            s.update("/a", "2".getBytes(UTF_8), a.modRevision());
            KeyValue last = s.create("/b", "x".getBytes(UTF_8));
            s.delete("/b", last.modRevision()); // the newest row is a tombstone that compaction removes
            compactedAt = s.currentRevision();
            s.compact(compactedAt);
        }
        try (SqliteStorage s = new SqliteStorage(options())) {
            assertThat(s.currentRevision()).isEqualTo(compactedAt);
            assertThat(s.compactedRevision()).isEqualTo(compactedAt);
            assertThat(new String(s.get("/a").value(), UTF_8)).isEqualTo("2");
            assertThat(s.get("/b")).isNull();
            assertThat(s.create("/c", new byte[0]).modRevision()).as("revisions never reused").isEqualTo(compactedAt + 1);
            assertThatThrownBy(() -> s.watch("", compactedAt - 1, e -> { })).isInstanceOf(CompactedException.class);
        }
    }

    @Test
    void secondInstanceOnTheSameFileIsRefused() {
        try (SqliteStorage ignored = new SqliteStorage(options())) {
            assertThatThrownBy(() -> new SqliteStorage(options()))
                    .isInstanceOf(StorageException.class).hasMessageContaining("already open");
        }
        new SqliteStorage(options()).close(); // the lock went with the first instance
    }

    @Test
    void compactionRemovesSupersededRowsAcrossManyWindows() throws SQLException {
        try (SqliteStorage s = new SqliteStorage(options())) {
            KeyValue kv = s.create("/counter", "0".getBytes(UTF_8));
            for (int i = 1; i < 3 * Compaction.WINDOW; i++) {
                kv = s.update("/counter", String.valueOf(i).getBytes(UTF_8), kv.modRevision());
            }
            KeyValue gone = s.create("/gone", new byte[0]);
            s.delete("/gone", gone.modRevision());
            assertThat(rows()).isEqualTo(3 * Compaction.WINDOW + 2);

            s.compact(s.currentRevision());
            assertThat(rows()).isEqualTo(1);
            assertThat(new String(s.get("/counter").value(), UTF_8)).isEqualTo(String.valueOf(3 * Compaction.WINDOW - 1));
        }
    }

    @Test
    void automaticCompactorKeepsTheLastRevisions() {
        try (SqliteStorage s = new SqliteStorage(options().withAutoCompact(Duration.ofMillis(50), 10))) {
            KeyValue kv = s.create("/k", new byte[0]);
            for (int i = 0; i < 30; i++) {
                kv = s.update("/k", new byte[] {(byte) i}, kv.modRevision());
            }
            long revision = s.currentRevision();
            await().atMost(WAIT).until(() -> s.compactedRevision() == revision - 10);
        }
    }

    @Test
    void checkpointTruncatesTheWalOnceIdle() {
        Path wal = dir.resolve("k8j.db-wal");
        try (SqliteStorage s = new SqliteStorage(options().withCheckpointInterval(Duration.ofHours(1)))) {
            for (int i = 0; i < 200; i++) {
                s.create("/k" + i, new byte[1000]);
            }
            assertThat(wal).isNotEmptyFile();
            s.checkpoint(); // writes since the last one: PASSIVE
            s.checkpoint(); // idle since: TRUNCATE
            assertThat(wal.toFile().length()).isZero();
            assertThat(s.get("/k199")).isNotNull();
        }
    }

    @Test
    void slowWatcherIsEndedAndNeverHoldsUpWriters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WatchRecorder ends = new WatchRecorder();
        try (SqliteStorage s = new SqliteStorage(options().withDurability(SqliteOptions.Durability.PROCESS_CRASH).withWatchQueueCapacity(10));
             WatchHandle ignored = s.watch("", 0, WatchListener.of(e -> {
                 try {
                     release.await(20, TimeUnit.SECONDS);
                 } catch (InterruptedException interrupted) {
                     Thread.currentThread().interrupt();
                 }
             }, ends::onTerminated))) {
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                s.create("/k" + i, new byte[0]);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            release.countDown();
            await().atMost(WAIT).until(() -> ends.terminated() != null);
            assertThat(ends.terminated().getMessage()).contains("behind");
        }
    }

    @Test
    void valueLimitIsConfigurable() {
        try (SqliteStorage s = new SqliteStorage(options().withMaxValueBytes(10))) {
            s.create("/ok", new byte[10]);
            assertThatThrownBy(() -> s.create("/big", new byte[11])).hasMessageContaining("over the limit of 10");
        }
    }

    private int rows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("k8j.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM kv")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
