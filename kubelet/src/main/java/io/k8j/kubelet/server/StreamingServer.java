package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The kubelet's streaming endpoints, each in the transports its clients use (the API server passes them
 * through): /exec and /attach/{ns}/{pod}/{container} over WebSocket v5/v4.channel.k8s.io or SPDY/3.1
 * (v4.channel.k8s.io streams); /portForward/{ns}/{pod} over SPDY/3.1, SPDY inside a WebSocket
 * (SPDY/3.1+portforward.k8s.io) or WebSocket v4.channel.k8s.io with ?ports=.
 */
final class StreamingServer {
    /** Every WebSocket subprotocol the node server accepts; the path decides which apply. */
    static final List<String> WEBSOCKET_PROTOCOLS = List.of(ExecFrames.V5, ExecFrames.V4,
            SpdyConnections.TUNNEL_PREFIX + SpdyPortForward.PROTOCOLS.get(0));

    private final ContainerRuntime runtime;
    private final ExecutorService executor;
    private final RemoteCommand commands;
    private final ContainerExec webSocketExec;
    private final WebSocketPortForward webSocketPortForward;

    StreamingServer(ContainerRuntime runtime, ExecutorService executor) {
        this.runtime = runtime;
        this.executor = executor;
        this.commands = new RemoteCommand(runtime);
        this.webSocketExec = new ContainerExec(commands, executor);
        this.webSocketPortForward = new WebSocketPortForward(runtime, executor);
    }

    /** On the event loop; false when the request is none of these. */
    boolean route(HttpServerRequest req, String[] path) {
        boolean webSocket = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
        boolean spdy = SpdyConnections.isUpgrade(req);
        if (!webSocket && !spdy) {
            return false;
        }
        if (path.length == 5 && (path[1].equals("exec") || path[1].equals("attach"))) {
            remoteCommand(req, path, spdy);
            return true;
        }
        if (path.length == 4 && path[1].equals("portForward")) {
            portForward(req, path[2], path[3], spdy);
            return true;
        }
        return false;
    }

    private void remoteCommand(HttpServerRequest req, String[] path, boolean spdy) {
        if (!spdy) {
            webSocketExec.upgrade(req, path);
            return;
        }
        Optional<String> protocol = SpdyConnections.negotiate(req, SpdyRemoteCommand.PROTOCOLS);
        if (protocol.isEmpty()) {
            SpdyConnections.refuse(req, SpdyRemoteCommand.PROTOCOLS);
            return;
        }
        SpdyConnections.upgrade(req, protocol.get(),
                new SpdyRemoteCommand(commands, RemoteCommand.Options.of(req, path), executor));
    }

    private void portForward(HttpServerRequest req, String ns, String pod, boolean spdy) {
        Optional<String> sandbox = runtime.listPodSandboxes().stream()
                .filter(s -> s.ready() && ns.equals(s.config().namespace()) && pod.equals(s.config().name()))
                .map(SandboxStatus::id).findFirst();
        if (sandbox.isEmpty()) {
            req.response().setStatusCode(404).end("pod " + ns + "/" + pod + " has no running sandbox on this node\n");
            return;
        }
        if (spdy) {
            Optional<String> protocol = SpdyConnections.negotiate(req, SpdyPortForward.PROTOCOLS);
            if (protocol.isEmpty()) {
                SpdyConnections.refuse(req, SpdyPortForward.PROTOCOLS);
                return;
            }
            SpdyConnections.upgrade(req, protocol.get(), new SpdyPortForward(runtime, sandbox.get(), pod, executor));
            return;
        }
        List<Integer> ports = ports(req.getParam("ports"));
        req.toWebSocket().onSuccess(ws -> {
            if (String.valueOf(ws.subProtocol()).startsWith(SpdyConnections.TUNNEL_PREFIX)) {
                SpdyConnections.overWebSocket(ws, new SpdyPortForward(runtime, sandbox.get(), pod, executor));
            } else if (ports.isEmpty()) {
                ws.close((short) 1008, "query parameter \"ports\" is required");
            } else {
                webSocketPortForward.serve(ws, sandbox.get(), pod, ports);
            }
        });
    }

    /** "8080,9090" as kubelet parses it; empty when missing or not all are ports. */
    static List<Integer> ports(String value) {
        List<Integer> ports = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ports;
        }
        for (String p : value.split(",")) {
            try {
                int port = Integer.parseInt(p.trim());
                if (port < 1 || port > 65535) {
                    return List.of();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return ports;
    }
}
