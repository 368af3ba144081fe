package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketBase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * pods/{name}/exec as kube-apiserver's ExecREST: check the pod and container, accept the client's upgrade
 * (v5 or v4.channel.k8s.io), open a WebSocket to the kubelet's /exec with the same subprotocol and pump
 * binary messages both ways. SPDY (kubectl 1.27-1.29) is not spoken yet: such requests get a 400.
 */
public final class ExecProxy {
    /** In order of preference; the API server's HttpServerOptions offer the same for Netty's handshake. */
    public static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    private static final List<String> PASSED = List.of("stdin", "stdout", "stderr", "tty");

    private final Registry registry;
    private final List<RequestFilter> filters;
    private final KubeletProxy kubelets;
    private final ExecutorService executor;

    ExecProxy(Registry registry, List<RequestFilter> filters, KubeletProxy kubelets, ExecutorService executor) {
        this.registry = registry;
        this.filters = filters;
        this.kubelets = kubelets;
        this.executor = executor;
    }

    static boolean isUpgrade(HttpServerRequest req) {
        return "websocket".equalsIgnoreCase(req.getHeader("Upgrade")) && req.path().endsWith("/exec");
    }

    /** On the event loop, before the body is read; the checks block on storage, so they run on the executor. */
    void upgrade(HttpServerRequest raw) {
        raw.pause();
        Context loop = Vertx.currentContext();
        ApiRequest req = new ApiRequest(raw, new byte[0]);
        executor.execute(() -> {
            try {
                RequestInfo info = RequestInfo.parse(raw.method().name(), raw.path(), false);
                for (RequestFilter f : filters) {
                    f.filter(req, info);
                }
                if (info == null || kubelets == null || !"pods".equals(info.resource()) || !info.group().isEmpty()) {
                    throw ApiException.notFound("the server could not find the requested resource");
                }
                String protocol = raw.headers().getAll("Sec-WebSocket-Protocol").stream()
                        .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim)
                        .filter(PROTOCOLS::contains).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("exec needs one of the WebSocket subprotocols " + PROTOCOLS));
                String uri = kubeletUri(registry, req, info);
                loop.runOnContext(v -> raw.toWebSocket().onSuccess(client -> connect(client, uri, protocol)));
            } catch (ApiException e) {
                Responses.error(req, e);
            } catch (RuntimeException e) {
                Responses.error(req, ApiException.internal(String.valueOf(e.getMessage())));
            }
        });
    }

    /** On the client socket's event loop; what the client sends meanwhile waits, paused. */
    private void connect(ServerWebSocket client, String uri, String protocol) {
        client.pause();
        kubelets.webSocket(Vertx.currentContext().owner(), uri, protocol).onSuccess(upstream -> {
            pump(client, upstream);
            pump(upstream, client);
            client.resume();
        }).onFailure(e -> {
            // After the upgrade an error can only go as a Status on channel 3, as the kubelet sends its own.
            byte[] status = Json.bytes(ApiException.internal("error dialing backend: " + e.getMessage()).status());
            Buffer frame = Buffer.buffer().appendByte((byte) 3).appendBytes(status);
            client.writeBinaryMessage(frame).onComplete(w -> client.close());
        });
    }

    /** exec without a WebSocket upgrade (SPDY from kubectl 1.27-1.29, or none): the pod's errors first. */
    static void reject(Registry registry, ApiRequest req, RequestInfo info) {
        kubeletUri(registry, req, info);
        String upgrade = req.header("Upgrade");
        throw ApiException.badRequest(upgrade != null && upgrade.toUpperCase().startsWith("SPDY")
                ? "SPDY is not supported yet by k8j: exec needs a WebSocket (v5.channel.k8s.io, kubectl 1.30+)"
                : "Upgrade request required");
    }

    /** wss://NODE:PORT/exec/NS/POD/CONTAINER?..., or kube's error for the pod, container or node. */
    private static String kubeletUri(Registry registry, ApiRequest req, RequestInfo info) {
        GenericStore pods = registry.store(registry.catalog().find("", "v1", "pods").orElseThrow());
        String ns = info.namespace();
        String name = info.name();
        ObjectNode pod = pods.get(ns, name);
        String container = PodLogs.container(pod, name, req.param("container"));
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw ApiException.badRequest("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        ObjectNode node = registry.store(registry.catalog().find("", "v1", "nodes").orElseThrow()).get(null, nodeName);
        StringBuilder query = new StringBuilder();
        for (String c : req.raw().params().getAll("command")) {
            query.append(query.isEmpty() ? "?" : "&").append("command=").append(URLEncoder.encode(c, StandardCharsets.UTF_8));
        }
        for (String p : PASSED) {
            String v = req.param(p);
            if (v != null) {
                query.append(query.isEmpty() ? "?" : "&").append(p).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return "wss://" + KubeletProxy.address(node) + "/exec/" + ns + "/" + name + "/" + container + query;
    }

    /** Whole binary messages (a channel byte each) from one side to the other, pausing on a full write queue. */
    private static void pump(WebSocketBase from, WebSocketBase to) {
        from.binaryMessageHandler(b -> {
            to.writeBinaryMessage(b);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.closeHandler(v -> to.close());
    }
}
