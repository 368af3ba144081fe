package io.k8j.storage.sqlite;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Background upkeep: the automatic compactor and WAL checkpoints, on one daemon thread. */
final class Maintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final SqliteDb db;
    private final LongSupplier currentRevision;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqlite-maintenance");
        t.setDaemon(true);
        return t;
    });
    private long revisionAtLastCheckpoint = -1;

    Maintenance(SqliteDb db, Compaction compaction, LongSupplier currentRevision, SqliteOptions options) {
        this.db = db;
        this.currentRevision = currentRevision;
        if (options.compactInterval() != null) {
            long retain = options.compactRetain();
            every(options.compactInterval(), () -> compaction.compact(Math.max(0, currentRevision.getAsLong() - retain)));
        }
        every(options.checkpointInterval(), this::checkpoint);
    }

    /**
     * SQLite checkpoints by itself at commit once the WAL passes 1000 pages, but never shrinks the file,
     * and a reader holding an old snapshot makes it skip. A PASSIVE checkpoint never waits for anyone;
     * once no write happened for a whole interval, TRUNCATE also resets the WAL file to zero bytes.
     */
    synchronized void checkpoint() {
        long revision = currentRevision.getAsLong();
        String mode = revision == revisionAtLastCheckpoint ? "TRUNCATE" : "PASSIVE";
        revisionAtLastCheckpoint = revision;
        db.withWriter(c -> {
            SqliteDb.exec(c, "PRAGMA wal_checkpoint(" + mode + ")");
            return null;
        });
    }

    private void every(Duration interval, Runnable task) {
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // Keep the schedule alive: a failed run (disk full, busy) is retried next interval.
                log.warn("sqlite maintenance failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
