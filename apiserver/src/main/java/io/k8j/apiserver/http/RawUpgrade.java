package io.k8j.apiserver.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;

/**
 * Accepts an HTTP/1.1 upgrade to a protocol Vert.x does not know (SPDY/3.1, which kubectl asks for with a
 * POST) and returns the raw connection. {@code HttpServerRequest.toNetSocket()} only takes GET upgrades and
 * CONNECT, so this uses the HTTP/1 connection's own switch to a NetSocket (the one toNetSocket calls) and
 * writes the 101 itself; the client sends nothing before that 101, so no byte is lost in between.
 */
final class RawUpgrade {
    private RawUpgrade() {
    }

    /** On the connection's event loop; fails for HTTP/2 (upgrades are HTTP/1.1 only, as in kube). */
    static Future<NetSocket> accept(HttpServerRequest req, MultiMap headers) {
        if (!(req.connection() instanceof Http1ServerConnection http1)) {
            return Future.failedFuture("an upgrade needs HTTP/1.1");
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        return http1.netSocket().compose(socket -> socket.write(Buffer.buffer(head.toString())).map(socket));
    }
}
