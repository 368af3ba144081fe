package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.apiserver.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * pods/{name}/exec, attach and portforward as kube-apiserver's streaming subresources: run the filters, check
 * the pod ({@link PodStreamTarget}), then connect the client to its kubelet in the client's own transport.
 * Both transports, WebSocket (exec/attach v5/v4.channel.k8s.io, portforward v4.channel.k8s.io or
 * SPDY/3.1+portforward.k8s.io) and SPDY/3.1 (kubectl 1.27-1.29 exec and attach, <= 1.30 port-forward), as kube's
 * UpgradeAwareHandler: upgrade to the kubelet first with the client's handshake headers, answer the client with
 * the kubelet's 101, then pipe the raw bytes both ways. The session is the kubelet's business: in particular a
 * client's WebSocket Close is answered by the kubelet once the command has ended (fabric8 closes to end stdin,
 * then reads what the command wrote).
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
                loop.runOnContext(v -> passThrough(req, target, webSocket ? webSocketHandshake(raw, protocol)
                        : spdyHandshake(raw)));
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

    /** The client's WebSocket handshake, with only the subprotocol agreed here (no extensions: bytes pass as they are). */
    private static MultiMap webSocketHandshake(HttpServerRequest raw, String protocol) {
        return MultiMap.caseInsensitiveMultiMap().add("Upgrade", "websocket")
                .add("Sec-WebSocket-Key", String.valueOf(raw.getHeader("Sec-WebSocket-Key")))
                .add("Sec-WebSocket-Version", String.valueOf(raw.getHeader("Sec-WebSocket-Version")))
                .add("Sec-WebSocket-Protocol", protocol);
    }

    private static MultiMap spdyHandshake(HttpServerRequest raw) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Upgrade", "SPDY/3.1");
        raw.headers().getAll("X-Stream-Protocol-Version").forEach(p -> headers.add("X-Stream-Protocol-Version", p));
        return headers;
    }

    /** On the client connection's event loop: the kubelet's 101 first, then the same to the client, then raw bytes. */
    private void passThrough(ApiRequest req, PodStreamTarget target, MultiMap handshake) {
        HttpServerRequest raw = req.raw();
        kubelets.upgrade(Vertx.currentContext().owner(), target.address(), target.pathAndQuery(), handshake)
                .onSuccess(upstream -> {
                    if (upstream.statusCode() != 101) {
                        refused(raw, upstream);
                        return;
                    }
                    NetSocket kubelet = upstream.netSocket();
                    kubelet.pause();
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Connection", "Upgrade")
                            .add("Upgrade", handshake.get("Upgrade"));
                    for (String name : List.of("X-Stream-Protocol-Version", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol")) {
                        String value = upstream.getHeader(name);
                        if (value != null) {
                            headers.add(name, value);
                        }
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
