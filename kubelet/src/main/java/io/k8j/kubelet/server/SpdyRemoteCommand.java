package io.k8j.kubelet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k8j.kubelet.runtime.StreamIo;
import io.k8j.kubelet.runtime.TerminalSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * exec and attach over SPDY (kubectl 1.27-1.29, protocol v4.channel.k8s.io): the client opens one stream per
 * channel, named by the streamType header (error, stdin, stdout, stderr, resize); once all it asked for are
 * there (30 s at most, kubelet's streamCreationTimeout) the command runs, and the Status JSON on the error
 * stream ends the session, each stream closed with FIN.
 */
final class SpdyRemoteCommand implements SpdyConnections.Handler {
    static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io");
    private static final long STREAM_CREATION_TIMEOUT_S = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteCommand commands;
    private final RemoteCommand.Options options;
    private final ExecutorService executor;
    private final BlockingQueue<SpdyStream> arrived = new LinkedBlockingQueue<>();
    private volatile Future<?> session;

    SpdyRemoteCommand(RemoteCommand commands, RemoteCommand.Options options, ExecutorService executor) {
        this.commands = commands;
        this.options = options;
        this.executor = executor;
    }

    @Override
    public void start(SpdySession spdy) {
        session = executor.submit(() -> run(spdy));
    }

    @Override
    public void onStream(SpdyStream stream) {
        arrived.add(stream);
    }

    @Override
    public void closed() {
        Future<?> s = session;
        if (s != null && options.attach()) {
            s.cancel(true); // interrupts the attach: the container goes on without this client
        }
    }

    private void run(SpdySession spdy) {
        try {
            Map<String, SpdyStream> streams = awaitStreams();
            if (streams == null) {
                return;
            }
            SpdyStream error = streams.get("error");
            SpdyStream stdin = streams.get("stdin");
            SpdyStream stdout = streams.get("stdout");
            SpdyStream stderr = streams.get("stderr");
            SpdyStream resize = streams.get("resize");
            BlockingQueue<TerminalSize> resizes = resize == null ? null : new LinkedBlockingQueue<>();
            Future<?> resizer = resize == null ? null : executor.submit(() -> readSizes(resize.input(), resizes));
            StreamIo io = new StreamIo(stdin == null ? null : stdin.input(), output(stdout), output(stderr),
                    options.tty(), resizes);
            byte[] status = commands.run(options, io);
            if (resizer != null) {
                resizer.cancel(true);
            }
            error.output().write(status);
            SpdyStream.finishAll(streams.values());
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            spdy.close();
        }
    }

    /** The streams by type once all expected have come; null after the timeout. */
    private Map<String, SpdyStream> awaitStreams() throws InterruptedException {
        int expected = 1 + (options.stdin() ? 1 : 0) + (options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0)
                + (options.tty() ? 1 : 0);
        Map<String, SpdyStream> streams = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STREAM_CREATION_TIMEOUT_S);
        while (streams.size() < expected || !streams.containsKey("error")) {
            SpdyStream s = arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                return null;
            }
            streams.put(String.valueOf(s.header("streamType")), s);
        }
        return streams;
    }

    private static OutputStream output(SpdyStream stream) {
        return stream == null ? null : stream.output();
    }

    /** The resize stream is a sequence of JSON TerminalSize objects. */
    private static void readSizes(InputStream in, BlockingQueue<TerminalSize> sizes) {
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                sizes.add(new TerminalSize(n.path("Width").asInt(0), n.path("Height").asInt(0)));
            }
        } catch (IOException | RuntimeException e) {
            // the stream ended or carried something else; the terminal keeps its size
        }
    }
}
