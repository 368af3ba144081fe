package io.k8j.cri.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k8j.kubelet.runtime.StreamIo;
import io.k8j.kubelet.runtime.TerminalSize;
import io.k8j.kubelet.server.SpdyStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs exec, attach and port-forward sessions against a CRI streaming URL, as kubectl's SPDY client does
 * (remotecommand v4.channel.k8s.io: an error stream, then stdin, stdout, stderr or resize as asked; port-forward
 * portforward.k8s.io: an error and a data stream per connection), bridging them to the node server's streams:
 * stdin's end half-closes the remote stdin, and the v4 Status on the error stream gives the exit code.
 */
public final class RemoteStreams {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DRAIN_MS = 10_000;

    private RemoteStreams() {
    }

    /** Exec: returns the command's exit code; throws with the runtime's message when it could not run. */
    public static int exec(String url, StreamIo io) throws IOException {
        return exitCode(remoteCommand(url, io));
    }

    /** Attach: returns when the container's streams end or the calling thread is interrupted (the client left). */
    public static void attach(String url, StreamIo io) throws IOException {
        remoteCommand(url, io);
    }

    private static byte[] remoteCommand(String url, StreamIo io) throws IOException {
        try (SpdyClient client = SpdyClient.connect(url, "v4.channel.k8s.io")) {
            SpdyStream error = client.open(Map.of("streamType", "error"));
            error.finish();
            List<Thread> copiers = new ArrayList<>();
            List<Thread> feeders = new ArrayList<>();
            if (io.stdin() != null) {
                SpdyStream stdin = client.open(Map.of("streamType", "stdin"));
                feeders.add(Thread.ofVirtual().start(() -> feed(io.stdin(), stdin)));
            }
            if (io.stdout() != null) {
                SpdyStream stdout = client.open(Map.of("streamType", "stdout"));
                copiers.add(Thread.ofVirtual().start(() -> copy(stdout.input(), io.stdout())));
            }
            if (!io.tty() && io.stderr() != null) {
                SpdyStream stderr = client.open(Map.of("streamType", "stderr"));
                copiers.add(Thread.ofVirtual().start(() -> copy(stderr.input(), io.stderr())));
            }
            if (io.tty()) {
                SpdyStream resize = client.open(Map.of("streamType", "resize"));
                if (io.resizes() != null) {
                    feeders.add(Thread.ofVirtual().start(() -> resizes(io, resize)));
                }
            }
            try {
                byte[] status = error.input().readAllBytes();
                for (Thread t : copiers) {
                    t.join(DRAIN_MS);
                }
                return status;
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            } finally {
                feeders.forEach(Thread::interrupt);
                copiers.forEach(Thread::interrupt);
            }
        }
    }

    /**
     * Port-forward of one connection to {@code port} of the sandbox: returns when the pod's side has ended (the
     * client's side is then dropped, as kubelet's does); throws with the runtime's error for the port.
     */
    public static void portForward(String url, int port, InputStream fromClient, OutputStream toClient) throws IOException {
        try (SpdyClient client = SpdyClient.connect(url, "portforward.k8s.io")) {
            Map<String, String> headers = Map.of("port", Integer.toString(port), "requestID", "0");
            SpdyStream error = client.open(with(headers, "error"));
            error.finish();
            SpdyStream data = client.open(with(headers, "data"));
            Thread upstream = Thread.ofVirtual().start(() -> feed(fromClient, data));
            copy(data.input(), toClient);
            upstream.interrupt();
            String message = new String(error.input().readAllBytes(), StandardCharsets.UTF_8);
            if (!message.isEmpty()) {
                throw new IOException(message);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String streamType) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("streamType", streamType);
        return h;
    }

    /** Client to runtime; the client's end of input half-closes the stream (stdin EOF in the container). */
    private static void feed(InputStream from, SpdyStream to) {
        try {
            from.transferTo(to.output());
            to.finish();
        } catch (IOException e) {
            // either side went away
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        byte[] buf = new byte[32 * 1024];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // either side went away
        }
    }

    private static void resizes(StreamIo io, SpdyStream resize) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TerminalSize size = io.resizes().take();
                resize.output().write(JSON.writeValueAsBytes(Map.of("Width", size.width(), "Height", size.height())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the session ended
        }
    }

    /** The v4 Status: none or Success is 0, NonZeroExitCode carries the code; any other failure is thrown. */
    static int exitCode(byte[] status) {
        if (status.length == 0) {
            return 0;
        }
        try {
            JsonNode s = JSON.readTree(status);
            if ("Success".equals(s.path("status").asText())) {
                return 0;
            }
            if ("NonZeroExitCode".equals(s.path("reason").asText())) {
                for (JsonNode cause : s.path("details").path("causes")) {
                    if ("ExitCode".equals(cause.path("reason").asText())) {
                        return Integer.parseInt(cause.path("message").asText());
                    }
                }
            }
            throw new IllegalStateException(s.path("message").asText(new String(status, StandardCharsets.UTF_8)));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("unreadable exec status: " + new String(status, StandardCharsets.UTF_8), e);
        }
    }
}
