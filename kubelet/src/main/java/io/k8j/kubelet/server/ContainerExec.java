package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.StreamIo;
import io.k8j.kubelet.runtime.TerminalSize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * /exec and /attach/{ns}/{pod}/{container}?command=..&stdin&stdout&stderr&tty upgraded to a WebSocket speaking
 * v5/v4.channel.k8s.io: output goes out on channels 1/2, channel 0 feeds stdin, channel 4 resizes the tty,
 * and a channel-3 Status ends the session. An attach ends when the client leaves, an exec when its command does.
 */
final class ContainerExec {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerExec.class);
    private final RemoteCommand commands;
    private final ExecutorService executor;

    ContainerExec(RemoteCommand commands, ExecutorService executor) {
        this.commands = commands;
        this.executor = executor;
    }

    /**
     * On the event loop: the upgrade has to happen before anything reads the request. The client's end (its
     * Close, after the messages before it: fabric8 closes to end stdin) ends stdin and an attach.
     */
    void upgrade(HttpServerRequest req, String[] path) {
        RemoteCommand.Options options = RemoteCommand.Options.of(req, path);
        req.toWebSocket().onSuccess(ws -> {
            StdinStream in = options.stdin() ? new StdinStream() : null;
            BlockingQueue<TerminalSize> resizes = options.tty() ? new LinkedBlockingQueue<>() : null;
            ExecFrames.onMessage(ws, m -> onMessage(in, resizes, m));
            Future<?> session = executor.submit(() -> run(ws, options, in, resizes));
            Runnable clientEnded = () -> {
                if (in != null) {
                    in.end();
                }
                if (options.attach()) {
                    session.cancel(true); // interrupts the attach: the container goes on without this client
                }
            };
            ws.endHandler(v -> clientEnded.run());
            ws.closeHandler(v -> clientEnded.run());
            ws.exceptionHandler(e -> LOG.debug("exec client {}: {}", ws.remoteAddress(), e.toString()));
        });
    }

    private static void onMessage(StdinStream in, BlockingQueue<TerminalSize> resizes, byte[] message) {
        int channel = ExecFrames.channel(message);
        if (channel == ExecFrames.STDIN && in != null) {
            in.offer(ExecFrames.payload(message));
        } else if (channel == ExecFrames.CLOSE && message.length > 1 && message[1] == ExecFrames.STDIN && in != null) {
            in.end();
        } else if (channel == ExecFrames.RESIZE && resizes != null) {
            TerminalSize size = ExecStatus.terminalSize(ExecFrames.payload(message));
            if (size != null) {
                resizes.add(size);
            }
        }
    }

    private void run(ServerWebSocket ws, RemoteCommand.Options options, StdinStream in,
                     BlockingQueue<TerminalSize> resizes) {
        OutputStream out = options.stdout() ? new ChannelOutput(ws, ExecFrames.STDOUT) : null;
        OutputStream err = options.stderr() ? new ChannelOutput(ws, ExecFrames.STDERR) : null;
        byte[] end = commands.run(options, new StreamIo(in, out, err, options.tty(), resizes));
        try {
            ChannelOutput.send(ws, ExecFrames.status(end));
        } catch (IOException e) {
            LOG.debug("exec in {}/{}: {}", options.ns(), options.pod(), e.getMessage()); // the client left first
        }
        ws.close();
    }
}
