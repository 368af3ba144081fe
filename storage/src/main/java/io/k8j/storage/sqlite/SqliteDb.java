package io.k8j.storage.sqlite;

import io.k8j.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The connections to one database file: a single writer behind a lock, and a small pool of readers
 * that WAL mode lets run beside it. Writes that queue up behind the lock commit together (group commit):
 * whoever takes the lock runs every queued write in one transaction, each in a savepoint of its own so
 * that a write that fails leaves the others, and pays one fsync for all of them. A lock file keeps a second process (or a second instance in
 * this one) off the file, because watch events are broadcast in-process and would miss its writes.
 */
final class SqliteDb implements AutoCloseable {
    interface SqlFn<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Writes committed in one transaction at most; bounds how long the first of them waits. */
    private static final int MAX_GROUP = 128;

    /** @param probe a health probe's write, which proves the file takes a write but stands for no client's write */
    private record PendingWrite<T>(SqlFn<T> body, Consumer<T> afterCommit, CompletableFuture<T> done, boolean probe) {
        void run(Connection c) throws SQLException {
            exec(c, "SAVEPOINT w");
            try {
                T result = body.apply(c);
                exec(c, "RELEASE w");
                done.complete(result);
            } catch (SQLException | RuntimeException e) {
                try {
                    exec(c, "ROLLBACK TO w");
                    exec(c, "RELEASE w");
                } catch (SQLException rollbackFailed) {
                    // SQLite already rolled the whole transaction back (disk full, I/O error): the group fails, and
                    // with this write's error rather than the missing savepoint's
                    e.addSuppressed(rollbackFailed);
                    throw e;
                }
                done.completeExceptionally(e);
            }
        }

        /** The SQLite error this write failed with (disk full, I/O), or null; a refused write (a conflict) is none. */
        SQLException sqlFailure() {
            return done.isCompletedExceptionally() && done.exceptionNow() instanceof SQLException e ? e : null;
        }

        /** After the commit, in commit order: still under the write lock, as watch broadcasts need. */
        void committed() {
            if (!done.isCompletedExceptionally()) {
                afterCommit.accept(done.join());
            }
        }
    }

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<PendingWrite<?>> pending = new ConcurrentLinkedQueue<>();
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final int readerCount;
    /** Why the last client write failed in SQLite, until one succeeds; null while writes succeed. */
    private volatile String writeFailure;

    SqliteDb(SqliteOptions options) {
        Path file = options.file().toAbsolutePath();
        readerCount = options.readers();
        readers = new ArrayBlockingQueue<>(readerCount);
        FileChannel channel = null;
        Connection w = null;
        try {
            OwnerOnlyFiles.prepare(file);
            channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            fileLock = tryLock(channel, file);
            String url = "jdbc:sqlite:" + file;
            w = DriverManager.getConnection(url);
            // WAL: readers never block the writer. journal_size_limit: after a checkpoint, a WAL grown by
            // a burst is cut back to 64 MiB. synchronous: see SqliteOptions.Durability for the choice.
            pragmas(w, "journal_mode = WAL", "busy_timeout = 5000", "journal_size_limit = 67108864",
                    "synchronous = " + (options.durability() == SqliteOptions.Durability.POWER_LOSS ? "FULL" : "NORMAL"));
            LogSql.createSchema(w);
            for (int i = 0; i < readerCount; i++) {
                Connection r = DriverManager.getConnection(url);
                readers.add(r);
                pragmas(r, "busy_timeout = 5000", "query_only = 1");
            }
        } catch (IOException | SQLException | RuntimeException e) {
            // Give back what was opened, above all the file lock, so the caller can retry.
            readers.forEach(SqliteDb::closeQuietly);
            closeQuietly(w);
            closeQuietly(channel);
            throw e instanceof StorageException se ? se : new StorageException("cannot open " + file + ": " + e.getMessage(), e);
        }
        lockChannel = channel;
        writer = w;
    }

    /**
     * Runs {@code body} in a write transaction, perhaps shared with other writes queued meanwhile, each
     * seeing the ones before it; {@code afterCommit} runs once it is durable, still holding the write lock.
     */
    <T> T write(SqlFn<T> body, Consumer<T> afterCommit) {
        return write(new PendingWrite<>(body, afterCommit, new CompletableFuture<>(), false));
    }

    /**
     * Proves the file takes a write now: one row of the meta table rewritten in a transaction of its own or shared
     * with queued writes, as durable as theirs. Throws what such a write throws (disk full, I/O error).
     */
    void probe(long now) {
        write(new PendingWrite<Void>(c -> {
            try (var st = c.prepareStatement("INSERT OR REPLACE INTO meta (name, value) VALUES ('health', ?)")) {
                st.setLong(1, now);
                st.executeUpdate();
            }
            return null;
        }, v -> { }, new CompletableFuture<>(), true));
    }

    /** Why the last client write failed in SQLite (disk full, I/O error) if no write has succeeded since; or null. */
    String writeFailure() {
        return writeFailure;
    }

    private <T> T write(PendingWrite<T> mine) {
        pending.add(mine);
        writeLock.lock();
        try {
            while (!mine.done().isDone()) {
                commitGroup();
            }
        } finally {
            writeLock.unlock();
        }
        return outcome(mine.done());
    }

    private void commitGroup() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> w; group.size() < MAX_GROUP && (w = pending.poll()) != null; ) {
            group.add(w);
        }
        try {
            exec(writer, "BEGIN IMMEDIATE");
            try {
                for (PendingWrite<?> w : group) {
                    w.run(writer);
                }
                exec(writer, "COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            StorageException failed = new StorageException("sqlite write failed: " + e.getMessage(), e);
            group.forEach(w -> w.done().obtrudeException(failed));
            if (group.stream().anyMatch(w -> !w.probe())) {
                writeFailure = failed.getMessage();
            }
            return;
        }
        group.forEach(PendingWrite::committed);
        recordOutcome(group);
    }

    /** A client write that failed in SQLite marks the store unhealthy; one that succeeded clears that. */
    private void recordOutcome(List<PendingWrite<?>> group) {
        for (PendingWrite<?> w : group) {
            SQLException failure = w.sqlFailure();
            if (failure != null) {
                writeFailure = "sqlite write failed: " + failure.getMessage();
            } else if (!w.probe() && !w.done().isCompletedExceptionally()) {
                writeFailure = null;
            }
        }
    }

    private static <T> T outcome(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException("sqlite write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs {@code body} holding the write lock, so no write commits meanwhile. */
    <T> T locked(Supplier<T> body) {
        writeLock.lock();
        try {
            return body.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code body} on the writer outside any transaction (e.g. a checkpoint), holding the write lock. */
    <T> T withWriter(SqlFn<T> body) {
        writeLock.lock();
        try {
            return body.apply(writer);
        } catch (SQLException e) {
            throw new StorageException("sqlite failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code body} on a reader in one read transaction, so all its statements see one snapshot. */
    <T> T read(SqlFn<T> body) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted waiting for a reader", e);
        }
        try {
            exec(c, "BEGIN");
            try {
                return body.apply(c);
            } finally {
                exec(c, "COMMIT");
            }
        } catch (SQLException e) {
            throw new StorageException("sqlite read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            // Take back the readers a watch replay may still hold, rather than close them under it.
            for (int i = 0; i < readerCount; i++) {
                Connection r = readers.poll(5, TimeUnit.SECONDS);
                if (r != null) {
                    r.close();
                }
            }
            writer.close();
            fileLock.release();
            lockChannel.close();
        } catch (SQLException | IOException e) {
            throw new StorageException("closing sqlite failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted closing sqlite", e);
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback() {
        try {
            exec(writer, "ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite already rolled back (e.g. after an I/O error); nothing is left to undo.
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StorageException(file + " is already open in another SqliteStorage");
        }
        return lock;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // already failing to open; the first error is the one to report
        }
    }

    private static void pragmas(Connection c, String... pragmas) throws SQLException {
        for (String p : pragmas) {
            exec(c, "PRAGMA " + p);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
