package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Relays whole messages (binary and text, as they came) between an exec, attach or port-forward client and
 * its kubelet. Everything runs on the client socket's event loop, so no lock is needed.
 * <ul>
 * <li>What the client sends before the kubelet's socket is up is kept in order (beyond {@link #MAX_BUFFERED}
 * bytes the client is paused) and sent first, so stdin written right after the upgrade is not lost.</li>
 * <li>Either side's end ends the other after what it sent: a client that closes (fabric8 does, to end stdin)
 * has its messages delivered and then the kubelet's socket closed, which ends the command's stdin; a kubelet
 * that closes (the session is over) has its output and exit status delivered, then the client closed.</li>
 * </ul>
 */
final class WebSocketRelay {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRelay.class);
    static final int MAX_BUFFERED = 4 * 1024 * 1024;

    private record Message(Buffer data, boolean text) {
    }

    private final ServerWebSocket client;
    private final Queue<Message> early = new ArrayDeque<>();
    private int earlyBytes;
    private WebSocket kubelet;
    private boolean clientEnded;

    private WebSocketRelay(ServerWebSocket client) {
        this.client = client;
    }

    /**
     * On the client's event loop, as soon as it is upgraded: takes the client's messages from now on and relays
     * them once {@code kubelet} (opened on the same event loop) is connected. {@code statusOnFailure}: whether a
     * failed connection is reported as a Status on channel 3 (remote command protocols) or by closing.
     */
    static void start(ServerWebSocket client, Future<WebSocket> kubelet, boolean statusOnFailure) {
        WebSocketRelay relay = new WebSocketRelay(client);
        client.binaryMessageHandler(b -> relay.fromClient(new Message(b, false)));
        client.textMessageHandler(t -> relay.fromClient(new Message(Buffer.buffer(t), true)));
        client.endHandler(v -> relay.clientEnded());
        // After a Close frame endHandler ends the session, once the messages before it are through (paused, they wait).
        client.closeHandler(v -> {
            if (client.closeStatusCode() == null) {
                relay.clientEnded();
            }
        });
        client.exceptionHandler(e -> LOG.debug("stream client {}: {}", client.remoteAddress(), e.toString()));
        kubelet.onSuccess(relay::connected).onFailure(e -> relay.failed(e, statusOnFailure));
    }

    private void fromClient(Message m) {
        if (kubelet == null) {
            early.add(m);
            earlyBytes += m.data().length();
            if (earlyBytes > MAX_BUFFERED) {
                client.pause();
            }
        } else {
            send(client, kubelet, m);
        }
    }

    private void clientEnded() {
        if (clientEnded) {
            return;
        }
        clientEnded = true;
        if (kubelet != null) {
            kubelet.close();
        }
    }

    private void connected(WebSocket socket) {
        kubelet = socket;
        socket.binaryMessageHandler(b -> send(socket, client, new Message(b, false)));
        socket.textMessageHandler(t -> send(socket, client, new Message(Buffer.buffer(t), true)));
        socket.endHandler(v -> closeClient());
        socket.closeHandler(v -> {
            if (socket.closeStatusCode() == null) {
                closeClient();
            }
        });
        socket.exceptionHandler(e -> LOG.debug("stream to the kubelet: {}", e.toString()));
        early.forEach(m -> send(client, socket, m));
        early.clear();
        if (clientEnded) {
            socket.close();
        } else if (!socket.writeQueueFull()) {
            client.resume();
        }
    }

    private void failed(Throwable e, boolean statusOnFailure) {
        LOG.debug("stream to the kubelet: {}", e.toString());
        early.clear();
        if (!statusOnFailure || client.isClosed()) {
            closeClient();
            return;
        }
        // After the upgrade an error can only go as a Status on channel 3, as the kubelet sends its own.
        byte[] status = Json.bytes(ApiException.internal("error dialing backend: " + e.getMessage()).status());
        client.writeBinaryMessage(Buffer.buffer().appendByte((byte) 3).appendBytes(status))
                .onComplete(w -> closeClient());
    }

    private void closeClient() {
        if (!client.isClosed()) {
            client.close();
        }
    }

    /** One message on to {@code to}, pausing {@code from} while the write queue is full; dropped once it closed. */
    private static void send(WebSocketBase from, WebSocketBase to, Message m) {
        if (to.isClosed()) {
            return;
        }
        Future<Void> written = m.text() ? to.writeTextMessage(m.data().toString()) : to.writeBinaryMessage(m.data());
        written.onFailure(e -> LOG.debug("stream write: {}", e.toString()));
        if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
        }
    }
}
