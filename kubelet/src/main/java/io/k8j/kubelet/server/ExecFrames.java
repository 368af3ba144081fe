package io.k8j.kubelet.server;

import io.vertx.core.http.WebSocketBase;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The remotecommand stream protocol over WebSocket (k8s.io/apimachinery/pkg/util/remotecommand,
 * kubectl-compat §1.13): each message is one channel byte followed by data. Clients send binary messages,
 * except the Python client, whose stdin comes as text (kube's wsstream takes the bytes of either).
 */
final class ExecFrames {
    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    /** v5: the next byte names a channel the client will not write to any more (kubectl: 0 = stdin). */
    static final int CLOSE = 255;

    private ExecFrames() {
    }

    static byte[] frame(int channel, byte[] data, int off, int len) {
        byte[] out = new byte[len + 1];
        out[0] = (byte) channel;
        System.arraycopy(data, off, out, 1, len);
        return out;
    }

    /** Hands every message {@code ws} receives, binary or text, to {@code handler} as its bytes. */
    static void onMessage(WebSocketBase ws, Consumer<byte[]> handler) {
        ws.binaryMessageHandler(b -> handler.accept(b.getBytes()));
        ws.textMessageHandler(t -> handler.accept(t.getBytes(StandardCharsets.UTF_8)));
    }

    static int channel(byte[] message) {
        return message.length == 0 ? -1 : message[0] & 0xff;
    }

    static byte[] payload(byte[] message) {
        return message.length == 0 ? message : Arrays.copyOfRange(message, 1, message.length);
    }

    /** The Status ending a session as the channel-3 message. */
    static byte[] status(byte[] json) {
        return frame(ERROR, json, 0, json.length);
    }
}
