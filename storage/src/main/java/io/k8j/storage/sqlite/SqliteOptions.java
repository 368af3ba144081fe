package io.k8j.storage.sqlite;

import io.k8j.storage.ValueTooLargeException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open a {@link SqliteStorage}. Start from {@link #defaults(Path)} and adjust with the
 * {@code with...} methods.
 *
 * @param file the database file; {@code file + "-wal"}, {@code "-shm"} and {@code ".lock"} sit beside it
 * @param durability what an acknowledged write survives
 * @param maxValueBytes larger values are rejected with {@link ValueTooLargeException}
 * @param watchQueueCapacity events a watch may fall behind before it is ended
 * @param readers reader connections, so lists and watch replays run beside the single writer
 * @param compactInterval how often the automatic compactor runs; {@code null} to never compact by itself
 * @param compactRetain revisions the automatic compactor keeps behind the current one
 * @param checkpointInterval how often the WAL is checkpointed into the database file
 */
public record SqliteOptions(Path file, Durability durability, int maxValueBytes, int watchQueueCapacity, int readers,
                            Duration compactInterval, long compactRetain, Duration checkpointInterval) {

    public enum Durability {
        /**
         * {@code synchronous=FULL}: the WAL is fsynced at every commit, so an acknowledged write survives
         * power loss and OS crashes. The default, because other components act on what the API server
         * acknowledges (a bound pod, a renewed lease) and etcd fsyncs every commit too.
         */
        POWER_LOSS,
        /**
         * {@code synchronous=NORMAL}: in WAL mode a commit is in the OS page cache when acknowledged, so it
         * survives the process being killed but not the machine losing power. Faster; for tests and
         * throwaway clusters.
         */
        PROCESS_CRASH
    }

    /** Power-loss durable, 1.5 MiB values, and the kine-like compactor: every 5 minutes, keep 1000 revisions. */
    public static SqliteOptions defaults(Path file) {
        return new SqliteOptions(file, Durability.POWER_LOSS, ValueTooLargeException.DEFAULT_LIMIT, 10_000, 4,
                Duration.ofMinutes(5), 1000, Duration.ofSeconds(30));
    }

    public SqliteOptions withDurability(Durability d) {
        return new SqliteOptions(file, d, maxValueBytes, watchQueueCapacity, readers, compactInterval, compactRetain, checkpointInterval);
    }

    public SqliteOptions withMaxValueBytes(int max) {
        return new SqliteOptions(file, durability, max, watchQueueCapacity, readers, compactInterval, compactRetain, checkpointInterval);
    }

    public SqliteOptions withWatchQueueCapacity(int capacity) {
        return new SqliteOptions(file, durability, maxValueBytes, capacity, readers, compactInterval, compactRetain, checkpointInterval);
    }

    public SqliteOptions withAutoCompact(Duration interval, long retain) {
        return new SqliteOptions(file, durability, maxValueBytes, watchQueueCapacity, readers, interval, retain, checkpointInterval);
    }

    public SqliteOptions withoutAutoCompact() {
        return withAutoCompact(null, compactRetain);
    }

    public SqliteOptions withCheckpointInterval(Duration interval) {
        return new SqliteOptions(file, durability, maxValueBytes, watchQueueCapacity, readers, compactInterval, compactRetain, interval);
    }
}
