package io.k8j.kubelet.server;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where an SPDY session comes from: an HTTP/1.1 upgrade (the API server tunnels kubectl's SPDY upgrade here as
 * a GET, which Vert.x hands over as a raw socket after our 101), or binary WebSocket messages with the
 * subprotocol SPDY/3.1+portforward.k8s.io (kubectl 1.31+ port-forward). Either feeds one {@link SpdySession}.
 */
final class SpdyConnections {
    private static final Logger LOG = LoggerFactory.getLogger(SpdyConnections.class);
    static final String UPGRADE = "SPDY/3.1";
    static final String TUNNEL_PREFIX = "SPDY/3.1+";

    /** What speaks on a session: told of each stream the client opens, then that the connection has gone. */
    interface Handler {
        void start(SpdySession session);

        void onStream(SpdyStream stream);

        void closed();
    }

    private SpdyConnections() {
    }

    static boolean isUpgrade(HttpServerRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase(UPGRADE);
    }

    /** The first of {@code supported} the client offers in X-Stream-Protocol-Version (repeated or comma-separated). */
    static Optional<String> negotiate(HttpServerRequest req, List<String> supported) {
        List<String> offered = req.headers().getAll("X-Stream-Protocol-Version").stream()
                .flatMap(h -> Arrays.stream(h.split(","))).map(String::trim).toList();
        return offered.stream().filter(supported::contains).findFirst();
    }

    /** Answers 101 with the agreed protocol and runs the session over the raw connection. */
    static void upgrade(HttpServerRequest req, String protocol, Handler handler) {
        req.response().putHeader("Connection", "Upgrade").putHeader("Upgrade", UPGRADE)
                .putHeader("X-Stream-Protocol-Version", protocol);
        req.toNetSocket().onSuccess(socket -> {
            SpdySession session = new SpdySession(socket::write, () -> socket.close(), handler::onStream);
            socket.handler(session::receive);
            socket.exceptionHandler(e -> LOG.debug("SPDY client {}: {}", socket.remoteAddress(), e.toString()));
            socket.closeHandler(v -> {
                session.close();
                handler.closed();
            });
            handler.start(session);
        });
    }

    static void overWebSocket(ServerWebSocket ws, Handler handler) {
        SpdySession session = new SpdySession(ws::writeBinaryMessage, () -> ws.close(), handler::onStream);
        ws.binaryMessageHandler(session::receive);
        ws.exceptionHandler(e -> LOG.debug("SPDY client {}: {}", ws.remoteAddress(), e.toString()));
        ws.closeHandler(v -> {
            session.close();
            handler.closed();
        });
        handler.start(session);
    }

    /** kubelet's answer when no protocol is shared. */
    static void refuse(HttpServerRequest req, List<String> supported) {
        req.response().setStatusCode(403).end("unable to upgrade: unable to negotiate protocol: client supports "
                + req.headers().getAll("X-Stream-Protocol-Version") + ", server supports " + supported + "\n");
    }
}
