package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.ContainerRuntime;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Port-forward over WebSocket v4.channel.k8s.io (fabric8, the Python client): one connection per port in
 * {@code ?ports=}; port i uses channel 2i for data and 2i+1 for errors, each opened by a message carrying the
 * port as two little-endian bytes. The socket closes once every connection has ended.
 */
final class WebSocketPortForward {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketPortForward.class);
    static final String PROTOCOL = "v4.channel.k8s.io";

    private final ContainerRuntime runtime;
    private final ExecutorService executor;

    WebSocketPortForward(ContainerRuntime runtime, ExecutorService executor) {
        this.runtime = runtime;
        this.executor = executor;
    }

    /** {@code ports} is checked before the upgrade (kubelet answers a bad list with 400). */
    void serve(ServerWebSocket ws, String sandboxId, String pod, List<Integer> ports) {
        StdinStream[] inputs = new StdinStream[ports.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new StdinStream();
        }
        ExecFrames.onMessage(ws, m -> {
            int channel = ExecFrames.channel(m);
            if (channel >= 0 && channel % 2 == 0 && channel / 2 < inputs.length) {
                inputs[channel / 2].offer(ExecFrames.payload(m));
            }
        });
        ws.exceptionHandler(e -> LOG.debug("port-forward client {}: {}", ws.remoteAddress(), e.toString()));
        Future<?> session = executor.submit(() -> {
            try {
                for (int i = 0; i < ports.size(); i++) {
                    byte[] port = {(byte) (ports.get(i) & 0xff), (byte) (ports.get(i) >> 8)};
                    ChannelOutput.send(ws, ExecFrames.frame(2 * i, port, 0, 2));
                    ChannelOutput.send(ws, ExecFrames.frame(2 * i + 1, port, 0, 2));
                }
                CountDownLatch done = new CountDownLatch(ports.size());
                for (int i = 0; i < ports.size(); i++) {
                    int index = i;
                    executor.execute(() -> {
                        forward(ws, sandboxId, pod, ports.get(index), index, inputs[index]);
                        done.countDown();
                    });
                }
                done.await();
            } catch (IOException e) {
                LOG.debug("port-forward to {}: {}", pod, e.getMessage()); // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (StdinStream in : inputs) {
                in.end();
            }
            ws.close();
        });
        ws.closeHandler(v -> session.cancel(true)); // the client has gone: its connections to the pod end
    }

    private void forward(ServerWebSocket ws, String sandboxId, String pod, int port, int index, StdinStream in) {
        try {
            runtime.portForward(sandboxId, port, in, new ChannelOutput(ws, 2 * index));
        } catch (IOException | RuntimeException e) {
            byte[] message = ("error forwarding port " + port + " to pod " + pod + ": " + e.getMessage())
                    .getBytes(StandardCharsets.UTF_8);
            try {
                ChannelOutput.send(ws, ExecFrames.frame(2 * index + 1, message, 0, message.length));
            } catch (IOException ignored) {
                // the client has gone
            }
        }
    }
}
