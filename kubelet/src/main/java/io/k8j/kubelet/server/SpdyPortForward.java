package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.ContainerRuntime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Port-forward over SPDY (protocol portforward.k8s.io; raw from kubectl <= 1.30, inside a WebSocket from
 * 1.31): for each local connection the client opens an error and a data stream with the same requestID and
 * port headers; the data stream is connected to the port through the runtime, a failure is written on the
 * error stream, and both get FIN when the connection ends.
 */
final class SpdyPortForward implements SpdyConnections.Handler {
    static final List<String> PROTOCOLS = List.of("portforward.k8s.io");

    private final ContainerRuntime runtime;
    private final String sandboxId;
    private final String pod;
    private final ExecutorService executor;
    private final Map<String, SpdyStream[]> pairs = new ConcurrentHashMap<>();
    private final Set<Thread> forwards = ConcurrentHashMap.newKeySet();

    SpdyPortForward(ContainerRuntime runtime, String sandboxId, String pod, ExecutorService executor) {
        this.runtime = runtime;
        this.sandboxId = sandboxId;
        this.pod = pod;
        this.executor = executor;
    }

    @Override
    public void start(SpdySession session) {
        // streams come as the client's local connections do
    }

    /** On the event loop: pairs the two streams of a request; the second one starts the forward. */
    @Override
    public void onStream(SpdyStream stream) {
        String requestId = String.valueOf(stream.header("requestID"));
        SpdyStream[] pair = pairs.computeIfAbsent(requestId, k -> new SpdyStream[2]);
        synchronized (pair) {
            pair["error".equals(stream.header("streamType")) ? 1 : 0] = stream;
            if (pair[0] != null && pair[1] != null) {
                pairs.remove(requestId);
                executor.execute(() -> {
                    Thread self = Thread.currentThread();
                    forwards.add(self);
                    try {
                        forward(pair[0], pair[1]);
                    } finally {
                        forwards.remove(self);
                    }
                });
            }
        }
    }

    @Override
    public void closed() {
        forwards.forEach(Thread::interrupt); // the client has gone: its connections to the pod end
    }

    private void forward(SpdyStream data, SpdyStream error) {
        String port = String.valueOf(data.header("port"));
        try {
            runtime.portForward(sandboxId, Integer.parseInt(port), data.input(), data.output());
        } catch (IOException | RuntimeException e) {
            String message = "error forwarding port " + port + " to pod " + pod + ": " + e.getMessage();
            try {
                error.output().write(message.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the client has gone
            }
        }
        SpdyStream.finishAll(List.of(data, error));
    }
}
