package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.CriLog;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/** A container's CRI log file, appended to record by record; stdout and stderr share it, so writes take a lock. */
final class CriLogWriter implements AutoCloseable {
    private final Path file;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Writer out;

    CriLogWriter(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    void write(String stream, boolean partial, String content) throws IOException {
        lock.lock();
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(CriLog.format(clock.instant(), stream, partial, content));
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
