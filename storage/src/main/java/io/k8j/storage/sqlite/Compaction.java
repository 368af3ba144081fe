package io.k8j.storage.sqlite;

import io.k8j.storage.StorageException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes superseded rows and tombstones in windows of {@value #WINDOW} revisions, one short write
 * transaction each, so writers wait at most one window's worth of deletes (about 1000 rows).
 */
final class Compaction {
    private static final Logger log = LoggerFactory.getLogger(Compaction.class);
    static final int WINDOW = 500;

    private final SqliteDb db;
    private final LongSupplier currentRevision;
    private final AtomicLong mark;
    /** Revisions fully compacted on disk; behind {@link #mark} while a compaction runs or after one failed. */
    private long done;

    /** {@code mark} is the revision watches may no longer start below; it is raised before rows go. */
    Compaction(SqliteDb db, LongSupplier currentRevision, AtomicLong mark) {
        this.db = db;
        this.currentRevision = currentRevision;
        this.mark = mark;
        this.done = mark.get();
    }

    synchronized void compact(long target) {
        long current = currentRevision.getAsLong();
        if (target > current) {
            throw new StorageException("cannot compact to revision " + target + ", the current one is " + current);
        }
        if (target <= done) {
            return;
        }
        // Raised first: a watch replaying rows above the old mark checks it after each page read.
        mark.accumulateAndGet(target, Math::max);
        long deleted = 0;
        long started = System.nanoTime();
        while (done < target) {
            long from = done;
            long to = Math.min(from + WINDOW, target);
            deleted += db.write(c -> {
                int n = LogSql.compactWindow(c, from, to);
                // Progress is stored with each window, so a crash mid-way leaves a mark that is still true.
                if (n > 0 || to == target) {
                    LogSql.setCompactedMark(c, to);
                }
                return n;
            }, n -> { });
            done = to;
        }
        log.debug("compacted to revision {}: {} rows in {} ms", target, deleted, (System.nanoTime() - started) / 1_000_000);
    }
}
