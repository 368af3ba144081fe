package io.k8j.kubelet.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream of a {@link SpdySession}: its headers (lower-case names when the peer opened it), what the peer
 * writes as an InputStream (EOF on its FIN or a reset), and an OutputStream of DATA frames; {@link #finish()}
 * sends our FIN.
 */
public final class SpdyStream {
    /** spdystream reads frames of any size; smaller ones keep one stream from holding the connection long. */
    private static final int MAX_FRAME = 32 * 1024;

    private final SpdySession session;
    private final int id;
    private final Map<String, String> headers;
    private final StdinStream input = new StdinStream();
    private final AtomicBoolean finished = new AtomicBoolean();

    SpdyStream(SpdySession session, int id, Map<String, String> headers) {
        this.session = session;
        this.id = id;
        this.headers = headers;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int at = off; at < off + len; at += MAX_FRAME) {
                    int n = Math.min(MAX_FRAME, off + len - at);
                    await(session.send(new DefaultSpdyDataFrame(id, Unpooled.copiedBuffer(b, at, n))));
                }
            }
        };
    }

    /** Our half-close (an empty DATA frame with FIN), once; the future completes when it is written. */
    public Future<Void> finish() {
        return finished.compareAndSet(false, true) ? session.send(new DefaultSpdyDataFrame(id).setLast(true))
                : Future.succeededFuture();
    }

    /** Half-closes all, waiting (bounded) until the last FIN is written: frames go out in order. */
    static void finishAll(Iterable<SpdyStream> streams) {
        Future<Void> last = Future.succeededFuture();
        for (SpdyStream s : streams) {
            last = s.finish();
        }
        try {
            await(last);
        } catch (IOException e) {
            // the client has gone; nothing left to tell it
        }
    }

    void received(byte[] data) {
        input.offer(data);
    }

    void remoteFinished() {
        input.end();
    }

    void reset() {
        input.end();
    }

    /** Waits for the transport to take a frame: a slow client slows the writer instead of filling memory. */
    private static void await(Future<Void> write) throws IOException {
        try {
            write.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (Exception e) {
            throw new IOException("the client went away: " + e.getMessage(), e);
        }
    }
}
