package io.k8j.storage.sqlite;

import io.k8j.storage.CompactedException;
import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyExistsException;
import io.k8j.storage.KeyNotFoundException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.ValueTooLargeException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.support.QueuedWatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store: kine's append-only revision log in one SQLite file, where each write appends a
 * row whose id is its revision. Only this process writes the file (a lock file enforces it), so watch
 * events are broadcast in memory right after each commit, in revision order, under the write lock.
 */
public final class SqliteStorage implements Storage {
    private static final int REPLAY_PAGE = 500;

    private final SqliteOptions options;
    private final SqliteDb db;
    private final List<QueuedWatch> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong compacted;
    private final Compaction compaction;
    private final Maintenance maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set only under the write lock, after the commit that produced it. */
    private volatile long revision;

    public SqliteStorage(Path file) {
        this(SqliteOptions.defaults(file));
    }

    public SqliteStorage(SqliteOptions options) {
        this.options = options;
        this.db = new SqliteDb(options);
        this.revision = db.read(LogSql::sequence);
        this.compacted = new AtomicLong(db.read(LogSql::compactedMark));
        this.compaction = new Compaction(db, this::currentRevision, compacted);
        this.maintenance = new Maintenance(db, compaction, this::currentRevision, options);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        ValueTooLargeException.check(key, value, options.maxValueBytes());
        return append(key, c -> {
            Row current = LogSql.latest(c, key);
            if (current != null && !current.deleted()) {
                throw new KeyExistsException(key);
            }
            return Row.create(LogSql.sequence(c) + 1, key, current == null ? 0 : current.id(), value);
        }).kv();
    }

    @Override
    public KeyValue get(String key) {
        Row row = db.read(c -> LogSql.latest(c, key));
        return row == null || row.deleted() ? null : row.kv();
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        return db.read(c -> {
            long at = LogSql.sequence(c);
            List<KeyValue> items = LogSql.list(c, prefix, startAfter, limit > 0 ? limit + 1 : -1);
            boolean more = limit > 0 && items.size() > limit;
            return new ListResult(List.copyOf(more ? items.subList(0, limit) : items), at, more);
        });
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        ValueTooLargeException.check(key, value, options.maxValueBytes());
        return append(key, c -> Row.update(LogSql.sequence(c) + 1, expect(live(c, key), expectedModRevision), value)).kv();
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return append(key, c -> {
            Row current = live(c, key);
            return Row.tombstone(LogSql.sequence(c) + 1, expectedModRevision == 0 ? current : expect(current, expectedModRevision));
        }).kv();
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
        long oldest = compacted.get();
        if (afterRevision < oldest) {
            throw new CompactedException(afterRevision, oldest);
        }
        QueuedWatch watch = new QueuedWatch(prefix, afterRevision, options.watchQueueCapacity(), listener, watchers::remove);
        // Registered under the write lock: live events are exactly those after upTo, replay covers the rest.
        long upTo = db.locked(() -> {
            watchers.add(watch);
            return revision;
        });
        watch.start(afterRevision >= upTo ? null : sink -> replay(prefix, afterRevision, upTo, sink));
        return watch;
    }

    @Override
    public long currentRevision() {
        return revision;
    }

    @Override
    public void compact(long revision) {
        compaction.compact(revision);
    }

    @Override
    public long compactedRevision() {
        return compacted.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.close();
        for (QueuedWatch w : List.copyOf(watchers)) {
            w.close();
        }
        db.close();
    }

    @Override
    public String healthCheckName() {
        return "sqlite";
    }

    /**
     * Healthy when a write to the file succeeds now and no client write has failed since the last one that
     * succeeded: a small probe write can still fit on a full disk that refuses a bigger one.
     */
    @Override
    public void checkHealth() {
        db.probe(System.currentTimeMillis());
        String failure = db.writeFailure();
        if (failure != null) {
            throw new StorageException(failure);
        }
    }

    /** For tests and operators: checkpoint the WAL now instead of waiting for the next interval. */
    void checkpoint() {
        maintenance.checkpoint();
    }

    private interface RowFn {
        Row apply(Connection c) throws SQLException;
    }

    /** Appends the row {@code next} computes (or throws) and broadcasts its event after the commit. */
    private Row append(String key, RowFn next) {
        return db.write(c -> {
            Row row = next.apply(c);
            try {
                LogSql.insert(c, row);
            } catch (SQLiteException e) {
                if (e.getResultCode() != SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                    throw e;
                }
                // Another writer appended after the same revision first (not possible while this process
                // holds the lock file, but the index is the real guard): lose cleanly, like a stale update.
                throw new ConflictException(key, LogSql.latest(c, key).kv());
            }
            return row;
        }, row -> {
            revision = row.id();
            WatchEvent event = row.event();
            for (QueuedWatch w : watchers) {
                w.offer(event);
            }
        });
    }

    private static Row live(Connection c, String key) throws SQLException {
        Row current = LogSql.latest(c, key);
        if (current == null || current.deleted()) {
            throw new KeyNotFoundException(key);
        }
        return current;
    }

    private static Row expect(Row current, long expectedModRevision) {
        if (current.id() != expectedModRevision) {
            throw new ConflictException(current.name(), current.kv());
        }
        return current;
    }

    /** Delivers logged events in (after, upTo], a page at a time so a long replay holds no reader for long. */
    private void replay(String prefix, long after, long upTo, Predicate<WatchEvent> sink) {
        long last = after;
        while (last < upTo) {
            long from = last;
            List<Row> rows = db.read(c -> LogSql.page(c, from, upTo, REPLAY_PAGE));
            long mark = compacted.get();
            if (mark > from) {
                // A compaction started since: rows of this page at or below the mark may be missing.
                throw new CompactedException(after, mark);
            }
            for (Row row : rows) {
                if (row.name().startsWith(prefix) && !sink.test(row.event())) {
                    return;
                }
            }
            if (rows.size() < REPLAY_PAGE) {
                return;
            }
            last = rows.getLast().id();
        }
    }
}
