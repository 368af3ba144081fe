package io.k8j.apiserver.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server's exec relay against a stand-in kubelet: nothing the client sends before the kubelet's socket
 * is up is lost, either side's end ends the other, and what the kubelet sent before its end reaches the client.
 */
class WebSocketRelayTest {
    private static final String PROTOCOL = "v4.channel.k8s.io";
    private static final String SUCCESS = "\u0003{\"metadata\":{},\"status\":\"Success\"}";

    private Vertx vertx;
    private WebSocketClient clients;
    private final List<String> kubeletGot = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        clients = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    @Test
    void stdinSentAndClosedBeforeTheKubeletIsConnectedArrivesWholeThenEndsTheSession() throws Exception {
        CompletableFuture<Void> kubeletEnded = new CompletableFuture<>();
        int kubelet = listen(ws -> {
            ws.binaryMessageHandler(b -> kubeletGot.add("binary:" + b));
            ws.textMessageHandler(t -> kubeletGot.add("text:" + t));
            ws.endHandler(v -> kubeletEnded.complete(null));
        });
        int relay = relay(kubelet, Duration.ofMillis(500));

        CompletableFuture<Void> closed = new CompletableFuture<>();
        connect(relay, client -> {
            client.closeHandler(v -> closed.complete(null));
            client.writeBinaryMessage(Buffer.buffer("\u0000abc"));
            client.writeTextMessage("\u0000def");
            client.close();
        });

        closed.get(10, TimeUnit.SECONDS);
        kubeletEnded.get(10, TimeUnit.SECONDS);
        assertThat(kubeletGot).containsExactly("binary:\u0000abc", "text:\u0000def");
    }

    @Test
    void aKubeletThatCannotBeReachedIsAStatusOnChannelThree() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            nobody = s.getLocalPort();
        }
        int relay = relay(nobody, Duration.ZERO);

        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        connect(relay, client -> {
            client.binaryMessageHandler(b -> got.add(b.toString(StandardCharsets.UTF_8)));
            client.closeHandler(v -> closed.complete(null));
        });

        closed.get(10, TimeUnit.SECONDS);
        assertThat(got).singleElement().asString().startsWith("\u0003{").contains("\"reason\":\"InternalError\"")
                .contains("error dialing backend");
    }

    @Test
    void theKubeletsEndClosesTheClientAfterWhatItSent() throws Exception {
        int kubelet = listen(ws -> {
            ws.writeBinaryMessage(Buffer.buffer("\u0001hi\n"));
            ws.writeBinaryMessage(Buffer.buffer(SUCCESS)).onComplete(w -> ws.close());
        });
        int relay = relay(kubelet, Duration.ZERO);

        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        connect(relay, client -> {
            client.binaryMessageHandler(b -> got.add(b.toString()));
            client.closeHandler(v -> closed.complete(null));
        });

        closed.get(10, TimeUnit.SECONDS);
        assertThat(got).containsExactly("\u0001hi\n", SUCCESS);
    }

    /** A WebSocket server on a free port speaking the exec protocol, handing each socket to {@code handler}. */
    private int listen(Consumer<ServerWebSocket> handler) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(PROTOCOL)))
                .webSocketHandler(handler::accept);
        return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    }

    /** The relay in front of {@code kubeletPort}, whose socket it opens only after {@code delay}. */
    private int relay(int kubeletPort, Duration delay) throws Exception {
        return listen(client -> {
            Future<Void> later = delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis());
            WebSocketRelay.start(client, later.compose(t -> clients.connect(options(kubeletPort))), true);
        });
    }

    /** Connects from an event loop and sets the client up there, before anything it receives is handled. */
    private void connect(int port, Consumer<WebSocket> setUp) {
        vertx.getOrCreateContext().runOnContext(v -> clients.connect(options(port)).onSuccess(setUp::accept));
    }

    private static WebSocketConnectOptions options(int port) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/")
                .setSubProtocols(List.of(PROTOCOL));
    }
}
