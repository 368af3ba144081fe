package io.k8j.kubelet.server;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A command's stdin fed by WebSocket messages: the event loop only enqueues (it must never block), the
 * runtime's copier thread takes; {@link #end()} is EOF (v5 close signal or the socket closing).
 */
final class StdinStream extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean done;

    void offer(byte[] data) {
        if (data.length > 0) {
            queue.add(data);
        }
    }

    void end() {
        queue.add(EOF);
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        while (!done && pos == current.length) {
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stdin interrupted");
            }
            pos = 0;
            done = current == EOF;
        }
        if (done) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
