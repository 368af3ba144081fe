package io.k8j.kubelet.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Port-forward on the process runtime: a TCP connection to the pod's loopback address and port, copied both
 * ways; the client's end of input half-closes the connection, as kubelet's PortForward does.
 */
final class PortForwarder {
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private PortForwarder() {
    }

    static void forward(String ip, int port, InputStream fromClient, OutputStream toClient) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), CONNECT_TIMEOUT_MS);
            Thread upstream = Thread.ofVirtual().start(() -> {
                try {
                    fromClient.transferTo(socket.getOutputStream());
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the pod closed the connection; the read side below ends too
                }
            });
            try {
                socket.getInputStream().transferTo(toClient);
                toClient.flush();
            } catch (IOException e) {
                // either side went away
            }
            upstream.interrupt();
        }
    }
}
