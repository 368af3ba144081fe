package io.k8j.apiserver.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.netty.channel.ChannelPipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections that hold the server without using it, as Go's http.Server does for kube-apiserver: a
 * connection must complete its first request's headers within {@code firstRequest} (kube's ReadHeaderTimeout,
 * 32 s), and one with no request in flight is closed after {@code idle} (IdleTimeout, 90 s, for HTTP/1.1
 * keep-alive and HTTP/2 alike). Requests in flight keep their connection however long they last (watch,
 * logs -f), and an upgraded connection (exec, attach, port-forward, WebSocket watch) is left to its stream.
 *
 * <p>Vert.x reports an HTTP/2 connection only once the client's SETTINGS arrive, and a TLS connection only after
 * its handshake, so the server also runs with Vert.x's idle timeout set to {@code firstRequest}
 * ({@link #IDLE_HANDLER}): a connection silent that long before its first request is closed whatever state it
 * is in. The first request takes that handler out of the connection's pipeline, and the timers here take over.
 * A connection's events all run on its event loop, so its state needs no locking.
 */
public final class ConnectionDeadlines {
    /** kube-apiserver's ReadHeaderTimeout and IdleTimeout. */
    public static final Timeouts KUBE_DEFAULTS = new Timeouts(Duration.ofSeconds(32), Duration.ofSeconds(90));
    /** The name Vert.x gives its IdleStateHandler in a connection's pipeline. */
    static final String IDLE_HANDLER = "idle";

    /** How long a new connection may take to send its first request, and an idle one to send its next. */
    public record Timeouts(Duration firstRequest, Duration idle) {
    }

    private final Vertx vertx;
    private final Timeouts timeouts;
    private final Map<HttpConnection, State> connections = new ConcurrentHashMap<>();

    public ConnectionDeadlines(Vertx vertx, Timeouts timeouts) {
        this.vertx = vertx;
        this.timeouts = timeouts;
    }

    /** The server's connection handler. */
    public void connected(HttpConnection connection) {
        State state = new State(connection);
        connections.put(connection, state);
        connection.closeHandler(v -> {
            connections.remove(connection);
            state.cancel();
        });
        state.arm(timeouts.firstRequest());
    }

    /** Wraps the request handler so that each request counts as activity on its connection until it ends. */
    public Handler<HttpServerRequest> tracking(Handler<HttpServerRequest> handler) {
        return req -> {
            State state = connections.get(req.connection());
            if (state != null) {
                if (state.first()) {
                    removeIdleHandler(req.connection());
                }
                boolean upgrade = req.getHeader("Upgrade") != null;
                state.started();
                // A switched protocol owns the connection from then on; a refused upgrade is an ordinary request.
                req.response().endHandler(v -> state.ended(upgrade && req.response().getStatusCode() == 101));
            }
            handler.handle(req);
        };
    }

    /**
     * Vert.x's idle timer would close a quiet watch: from the first request on, the timers here decide. This
     * reaches into Vert.x's connection internals (its Netty channel); IdleConnectionsE2ETest fails if they change.
     */
    private static void removeIdleHandler(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(IDLE_HANDLER) != null) {
                pipeline.remove(IDLE_HANDLER);
            }
        }
    }

    private final class State {
        private final HttpConnection connection;
        private int inFlight;
        private boolean served;
        private boolean upgraded;
        private long timer = -1;

        State(HttpConnection connection) {
            this.connection = connection;
        }

        /** True once: for the connection's first request. */
        boolean first() {
            boolean first = !served;
            served = true;
            return first;
        }

        void started() {
            inFlight++;
            cancel();
        }

        void ended(boolean switched) {
            upgraded |= switched;
            inFlight--;
            if (inFlight == 0 && !upgraded) {
                arm(timeouts.idle());
            }
        }

        void arm(Duration after) {
            cancel();
            timer = vertx.setTimer(after.toMillis(), id -> {
                timer = -1;
                if (inFlight == 0 && !upgraded) {
                    connection.close();
                }
            });
        }

        void cancel() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
