package io.k8j.kubelet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** A command's stdout or stderr as binary messages on one channel, each write one message. */
final class ChannelOutput extends OutputStream {
    private final WebSocketBase ws;
    private final int channel;

    ChannelOutput(WebSocketBase ws, int channel) {
        this.ws = ws;
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            send(ws, ExecFrames.frame(channel, b, off, len));
        }
    }

    /** Waits for the write, so a slow client slows the command instead of filling memory, and order holds. */
    static void send(WebSocketBase ws, byte[] message) throws IOException {
        try {
            ws.writeBinaryMessage(Buffer.buffer(message)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException("the client went away: " + e, e);
        }
    }
}
