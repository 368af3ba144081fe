package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * GET /exec/{ns}/{pod}/{container}?command=..&stdin&stdout&stderr&tty upgraded to a WebSocket speaking
 * v5/v4.channel.k8s.io: the command runs through the runtime's exec, its output goes out on channels 1/2,
 * channel 0 feeds its stdin, and a channel-3 Status ends the session. tty=true gets no pseudo-terminal
 * yet: stderr is merged into stdout (as a terminal would show it) and resize messages are ignored.
 */
final class ContainerExec {
    /** The session lasts as long as the command does; a client leaving does not stop it (as runc exec). */
    private static final Duration NO_TIMEOUT = Duration.ofMillis(Long.MAX_VALUE);

    private final ContainerRuntime runtime;
    private final ExecutorService executor;

    ContainerExec(ContainerRuntime runtime, ExecutorService executor) {
        this.runtime = runtime;
        this.executor = executor;
    }

    /** On the event loop: the upgrade has to happen before anything reads the request. */
    void upgrade(HttpServerRequest req, String ns, String pod, String container) {
        List<String> command = req.params().getAll("command");
        boolean stdin = flag(req, "stdin");
        boolean stdout = flag(req, "stdout");
        boolean stderr = flag(req, "stderr");
        boolean tty = flag(req, "tty");
        req.toWebSocket().onSuccess(ws -> {
            StdinStream in = stdin ? new StdinStream() : null;
            ws.binaryMessageHandler(b -> onMessage(in, b.getBytes()));
            ws.closeHandler(v -> {
                if (in != null) {
                    in.end();
                }
            });
            executor.submit(() -> run(ws, ns, pod, container, command, in, stdout, stderr, tty));
        });
    }

    private static void onMessage(StdinStream in, byte[] message) {
        if (in == null) {
            return;
        }
        int channel = ExecFrames.channel(message);
        if (channel == ExecFrames.STDIN) {
            in.offer(ExecFrames.payload(message));
        } else if (channel == ExecFrames.CLOSE && message.length > 1 && message[1] == ExecFrames.STDIN) {
            in.end();
        }
        // RESIZE: without a pseudo-terminal there is nothing to resize.
    }

    private void run(ServerWebSocket ws, String ns, String pod, String container, List<String> command,
                     StdinStream in, boolean stdout, boolean stderr, boolean tty) {
        byte[] end;
        try {
            Optional<ContainerStatus> c = runtime.listContainers(null).stream()
                    .filter(s -> s.running() && ns.equals(s.labels().get("io.kubernetes.pod.namespace"))
                            && pod.equals(s.labels().get("io.kubernetes.pod.name")) && container.equals(s.name()))
                    .findFirst();
            if (c.isEmpty()) {
                end = ExecFrames.failure("container not found (\"" + container + "\")");
            } else if (command.isEmpty()) {
                end = ExecFrames.failure("you must specify at least one command for the container");
            } else {
                OutputStream out = stdout ? new ChannelOutput(ws, ExecFrames.STDOUT) : OutputStream.nullOutputStream();
                OutputStream err = tty ? out
                        : stderr ? new ChannelOutput(ws, ExecFrames.STDERR) : OutputStream.nullOutputStream();
                end = ExecFrames.status(runtime.exec(c.get().id(), command, in, out, err, NO_TIMEOUT));
            }
        } catch (RuntimeException e) {
            end = ExecFrames.failure(String.valueOf(e.getMessage()));
        }
        try {
            ChannelOutput.send(ws, end);
        } catch (IOException e) {
            // the client left before the end; nothing to tell it
        }
        ws.close();
    }

    private static boolean flag(HttpServerRequest req, String name) {
        String v = req.getParam(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }
}
