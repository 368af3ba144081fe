package io.k8j.cri.streaming;

import io.k8j.kubelet.server.SpdySession;
import io.k8j.kubelet.server.SpdyStream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of an SPDY/3.1 streaming session with a CRI runtime's streaming server (the URL that Exec,
 * Attach and PortForward return; containerd's is kube's cri/streaming server on 127.0.0.1): an HTTP/1.1
 * upgrade asking for one sub-protocol, then the node server's {@link SpdySession} over the raw socket, written
 * from the caller's threads and read by a virtual thread of its own.
 */
final class SpdyClient implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int MAX_HEADERS = 16 * 1024;

    private final Socket socket;
    private final SpdySession session;

    private SpdyClient(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.session = new SpdySession(bytes -> write(out, bytes), this::closeSocket, stream -> {
            // the server opens no streams in these protocols
        });
        Thread.ofVirtual().name("cri-stream-reader").start(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    session.receive(Buffer.buffer(Arrays.copyOf(buf, n)));
                }
            } catch (IOException e) {
                // the connection ended
            }
            session.close();
        });
    }

    /** Upgrades a connection to {@code url} to SPDY with {@code protocol} (e.g. v4.channel.k8s.io). */
    static SpdyClient connect(String url, String protocol) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            out.write(("POST " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: " + protocol
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            String status = head.lines().findFirst().orElse("");
            if (!status.matches("HTTP/1\\.1 101.*")) {
                throw new IOException("the runtime's streaming server refused the upgrade: " + status + " "
                        + new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip());
            }
            String agreed = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("x-stream-protocol-version:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            if (!agreed.equals(protocol)) {
                throw new IOException("the runtime's streaming server agreed to " + agreed + ", not " + protocol);
            }
            return new SpdyClient(socket, in, out);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The response line and headers, up to the blank line; what follows is the SPDY session. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && head.size() < MAX_HEADERS) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("the runtime's streaming server closed the connection during the upgrade");
    }

    SpdyStream open(Map<String, String> headers) {
        return session.open(headers);
    }

    private static Future<Void> write(OutputStream out, Buffer bytes) {
        try {
            out.write(bytes.getBytes());
            out.flush();
            return Future.succeededFuture();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
