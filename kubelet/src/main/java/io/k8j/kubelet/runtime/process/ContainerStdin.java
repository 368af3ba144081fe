package io.k8j.kubelet.runtime.process;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stdin of a container that keeps one (spec stdin): a FIFO that the {@link Shim}'s holder process keeps
 * open, so the container sees no end of input when a kubelet goes away; attach sessions write into it. Closing
 * it for good (stdinOnce, after the first session) ends the holder, and the container reads EOF.
 */
final class ContainerStdin {
    private final ContainerFiles files;
    private final long session;
    private final ReentrantLock lock = new ReentrantLock();
    private RandomAccessFile fifo;
    private boolean closed;

    /** {@code session}: the container's session id (its shim's pid), to which the holder must belong. */
    ContainerStdin(ContainerFiles files, long session) {
        this.files = files;
        this.session = session;
    }

    /** The stream an attach session writes to; with {@code once}, its close closes the container's stdin. */
    OutputStream open(boolean once) throws IOException {
        lock.lock();
        try {
            if (fifo == null && holder().isEmpty()) {
                closed = true; // closed for good before this kubelet adopted the container
            }
            if (closed) {
                return null;
            }
            if (fifo == null) {
                // Read-write: opening never blocks, even if the process has closed its end.
                fifo = new RandomAccessFile(files.stdin().toFile(), "rw");
            }
            FileOutputStream out = new FileOutputStream(fifo.getFD());
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (once) {
                        closeForGood();
                    }
                }
            };
        } finally {
            lock.unlock();
        }
    }

    void closeForGood() throws IOException {
        lock.lock();
        try {
            closed = true;
            holder().ifPresent(ProcessHandle::destroy);
            if (fifo != null) {
                fifo.close();
                fifo = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Optional<ProcessHandle> holder() {
        return files.holderPid().filter(pid -> ProcStat.of(pid).filter(s -> s.session() == session && s.state() != 'Z')
                .isPresent()).flatMap(ProcessHandle::of);
    }

    /** Lets go of the FIFO without closing the container's stdin (the holder keeps it open). */
    void detach() {
        lock.lock();
        try {
            if (fifo != null) {
                fifo.close();
                fifo = null;
            }
        } catch (IOException e) {
            // nothing was buffered: writes go straight to the pipe
        } finally {
            lock.unlock();
        }
    }
}
