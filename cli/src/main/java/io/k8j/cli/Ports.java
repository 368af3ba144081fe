package io.k8j.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that the ports a start needs can be listened on before anything starts, so that a taken port is
 * one line naming it and the flag that moves it, not a trace from deep in a component (or, for a component
 * started after "ready", a server that runs without it).
 */
final class Ports {
    private Ports() {
    }

    /**
     * Who listens: {@code component} for the message, {@code usualHolder} for the guess at who else holds the
     * port, and the flags that choose the port and the address.
     */
    record Listener(String component, String usualHolder, String portFlag, String addressFlag) {
    }

    /** Fails with one line when {@code host:port} cannot be listened on; port 0 (any free port) always can. */
    static void requireFree(String host, int port, Listener who) {
        if (port == 0) {
            return;
        }
        // SO_REUSEADDR as Vert.x sets it, so a port left in TIME_WAIT counts as free, as it is for the server.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
                throw new StartupFailure(who.component() + " port " + port + " is in use (another k8j or "
                        + who.usualHolder() + "?); choose another with " + who.portFlag());
            }
            throw new StartupFailure(who.component() + " cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); check " + who.addressFlag() + " and " + who.portFlag());
        }
    }
}
