package io.k8j.dns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DNS over UDP and TCP on one address and port (port 0 picks one, the same for both). Each query is answered on
 * a virtual thread, since a forwarded one waits on its upstream. A TCP connection may carry several queries; it is
 * closed after {@link #TCP_IDLE_MILLIS} without one or after {@link #TCP_MAX_QUERIES}, as a server must not let
 * idle clients hold it (RFC 7766).
 */
public final class DnsServer implements AutoCloseable {
    private static final int FREE_PORT_ATTEMPTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    static final int TCP_IDLE_MILLIS = 10_000;
    static final int TCP_MAX_QUERIES = 1000;

    private final Responder responder;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    private DnsServer(Responder responder, DatagramSocket udp, ServerSocket tcp) {
        this.responder = responder;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Binds both sockets and starts serving; a taken port or an address the node lacks is an IOException. */
    static DnsServer start(InetSocketAddress address, Responder responder) throws IOException {
        DatagramSocket udp;
        ServerSocket tcp;
        // Port 0: the UDP socket takes a free port whose TCP twin may be some connection's: pick again (bounded).
        for (int attempt = 1; ; attempt++) {
            udp = new DatagramSocket(address);
            tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()));
                break;
            } catch (IOException e) {
                udp.close();
                tcp.close();
                if (!(e instanceof BindException) || address.getPort() != 0 || attempt >= FREE_PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
        DnsServer server = new DnsServer(responder, udp, tcp);
        Thread.ofPlatform().daemon().name("dns-udp").start(server::serveUdp);
        Thread.ofPlatform().daemon().name("dns-tcp").start(server::serveTcp);
        LOG.info("cluster DNS listening on {}:{} (UDP and TCP)", address.getAddress().getHostAddress(), server.port());
        return server;
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void serveUdp() {
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(new byte[Responder.TCP_MAX], Responder.TCP_MAX);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS UDP receive: {}", e.toString());
                }
                continue;
            }
            byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            var client = packet.getSocketAddress();
            queries.execute(() -> responder.respond(query, false).ifPresent(response -> {
                try {
                    udp.send(new DatagramPacket(response, response.length, client));
                } catch (IOException e) {
                    LOG.debug("DNS UDP reply to {}: {}", client, e.toString());
                }
            }));
        }
    }

    private void serveTcp() {
        while (!closed) {
            try {
                Socket connection = tcp.accept();
                queries.execute(() -> serveConnection(connection));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS TCP accept: {}", e.toString());
                }
            }
        }
    }

    /** Length-prefixed messages (RFC 1035 4.2.2), answered in order. */
    private void serveConnection(Socket connection) {
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            for (int i = 0; i < TCP_MAX_QUERIES && !closed; i++) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                Optional<byte[]> response = responder.respond(query, true);
                if (response.isEmpty()) {
                    return;
                }
                out.writeShort(response.get().length);
                out.write(response.get());
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or idle too long
        } catch (IOException e) {
            LOG.debug("DNS TCP connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the DNS TCP listener: {}", e.toString());
        }
        queries.shutdownNow();
    }
}
