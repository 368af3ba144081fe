package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetSocket;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * pods/{name}/exec, attach and portforward as kube-apiserver's streaming subresources: run the filters, check
 * the pod ({@link PodStreamTarget}), then connect the client to its kubelet in the client's own transport.
 * WebSocket (exec/attach v5/v4.channel.k8s.io, portforward v4.channel.k8s.io or SPDY/3.1+portforward.k8s.io):
 * accept the upgrade, open a WebSocket to the kubelet with the same subprotocol and relay whole messages.
 * SPDY/3.1 (kubectl 1.27-1.29 exec and attach, <= 1.30 port-forward): upgrade to the kubelet first, answer
 * the client with the kubelet's 101 and agreed protocol, then pipe the raw bytes both ways (kube's
 * UpgradeAwareHandler); the SPDY session itself is the kubelet's business.
 */
public final class StreamProxy {
    private static final Set<String> SUBRESOURCES = Set.of("exec", "attach", "portforward");
    private static final List<String> REMOTE_COMMAND = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    private static final Map<String, List<String>> WEBSOCKET_PROTOCOLS = Map.of("exec", REMOTE_COMMAND,
            "attach", REMOTE_COMMAND, "portforward", List.of("SPDY/3.1+portforward.k8s.io", "v4.channel.k8s.io"));
    /** Every subprotocol above, for the API server's HttpServerOptions (Netty's handshake picks among them). */
    public static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io",
            "SPDY/3.1+portforward.k8s.io");

    private final Registry registry;
    private final List<RequestFilter> filters;
    private final KubeletProxy kubelets;
    private final ExecutorService executor;

    StreamProxy(Registry registry, List<RequestFilter> filters, KubeletProxy kubelets, ExecutorService executor) {
        this.registry = registry;
        this.filters = filters;
        this.kubelets = kubelets;
        this.executor = executor;
    }

    static boolean isUpgrade(HttpServerRequest req) {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !(upgrade.equalsIgnoreCase("websocket") || upgrade.equalsIgnoreCase("SPDY/3.1"))) {
            return false;
        }
        String path = req.path();
        return SUBRESOURCES.contains(path.substring(path.lastIndexOf('/') + 1));
    }

    /** On the event loop, before the body is read; the checks block on storage, so they run on the executor. */
    void upgrade(HttpServerRequest raw) {
        raw.pause();
        Context loop = Vertx.currentContext();
        ApiRequest req = new ApiRequest(raw, new byte[0]);
        boolean webSocket = "websocket".equalsIgnoreCase(raw.getHeader("Upgrade"));
        executor.execute(() -> {
            try {
                RequestInfo info = RequestInfo.parse(raw.method().name(), raw.path(), false);
                for (RequestFilter f : filters) {
                    f.filter(req, info);
                }
                if (info == null || kubelets == null || !"pods".equals(info.resource()) || !info.group().isEmpty()
                        || info.name() == null || !SUBRESOURCES.contains(info.subresource())) {
                    throw ApiException.notFound("the server could not find the requested resource");
                }
                String protocol = webSocket ? webSocketProtocol(raw, info.subresource()) : null;
                PodStreamTarget target = PodStreamTarget.of(registry, req, info);
                loop.runOnContext(v -> {
                    if (webSocket) {
                        raw.toWebSocket().onSuccess(client -> connect(client, target, protocol));
                    } else {
                        spdy(req, target);
                    }
                });
            } catch (ApiException e) {
                Responses.error(req, e);
            } catch (RuntimeException e) {
                Responses.error(req, ApiException.internal(String.valueOf(e.getMessage())));
            }
        });
    }

    private static String webSocketProtocol(HttpServerRequest raw, String subresource) {
        List<String> supported = WEBSOCKET_PROTOCOLS.get(subresource);
        return raw.headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(h -> Arrays.stream(h.split(","))).map(String::trim)
                .filter(supported::contains).findFirst()
                .orElseThrow(() -> ApiException.badRequest(subresource + " needs one of the WebSocket subprotocols " + supported));
    }

    /** On the client socket's event loop, right after the upgrade (see {@link WebSocketRelay}). */
    private void connect(ServerWebSocket client, PodStreamTarget target, String protocol) {
        WebSocketRelay.start(client, kubelets.webSocket(Vertx.currentContext().owner(),
                "wss://" + target.address() + target.pathAndQuery(), protocol), !protocol.startsWith("SPDY"));
    }

    /** On the client connection's event loop: the kubelet's 101 first, then ours, then raw bytes both ways. */
    private void spdy(ApiRequest req, PodStreamTarget target) {
        HttpServerRequest raw = req.raw();
        List<String> offered = raw.headers().getAll("X-Stream-Protocol-Version");
        kubelets.spdy(Vertx.currentContext().owner(), target.address(), target.pathAndQuery(), offered)
                .onSuccess(upstream -> {
                    if (upstream.statusCode() != 101) {
                        refused(raw, upstream);
                        return;
                    }
                    NetSocket kubelet = upstream.netSocket();
                    kubelet.pause();
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Connection", "Upgrade")
                            .add("Upgrade", "SPDY/3.1");
                    String agreed = upstream.getHeader("X-Stream-Protocol-Version");
                    if (agreed != null) {
                        headers.add("X-Stream-Protocol-Version", agreed);
                    }
                    RawUpgrade.accept(raw, headers).onSuccess(client -> {
                        kubelet.pipeTo(client);
                        client.pipeTo(kubelet);
                    }).onFailure(e -> kubelet.close());
                })
                .onFailure(e -> executor.execute(() -> Responses.error(req,
                        ApiException.internal("error dialing backend: " + e.getMessage()))));
    }

    /** The kubelet said no (e.g. 403 for no shared protocol): kubectl prints its body as the message. */
    private static void refused(HttpServerRequest raw, HttpClientResponse upstream) {
        upstream.body().onComplete(body -> {
            String message = body.succeeded() ? body.result().toString().trim() : "upgrade refused by the kubelet";
            int code = upstream.statusCode() >= 400 ? upstream.statusCode() : 500;
            Responses.error(raw.response(), new ApiException(code, code == 403 ? "Forbidden" : "InternalError",
                    message, null));
        });
    }
}
