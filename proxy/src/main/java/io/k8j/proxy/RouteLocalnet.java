package io.k8j.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code route_localnet} sysctl, which lets a packet to 127.0.0.1 be DNATed to a pod (NodePorts on localhost,
 * as kube-proxy enables them). The proxy turns it on while it runs and puts the host's value back when it stops or
 * is cleaned up; the value it found is kept in a file under /run, so that a proxy killed before it could restore
 * it, and then started again or cleaned up, still puts back the host's own value. K8J-FIREWALL drops what the
 * setting would otherwise let in from outside.
 */
final class RouteLocalnet {
    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    private static final Path BEFORE = Path.of("/run/k8j/proxy-route-localnet-before");

    private RouteLocalnet() {
    }

    static void enable() throws IOException {
        if (!Files.exists(BEFORE)) {
            Files.createDirectories(BEFORE.getParent());
            Files.writeString(BEFORE, Files.readString(SYSCTL).strip());
        }
        Files.writeString(SYSCTL, "1");
    }

    /** Puts back the value found before the first proxy enabled it; nothing to do when none did. */
    static void restore() throws IOException {
        if (Files.exists(BEFORE)) {
            Files.writeString(SYSCTL, Files.readString(BEFORE).strip());
            Files.delete(BEFORE);
        }
    }
}
