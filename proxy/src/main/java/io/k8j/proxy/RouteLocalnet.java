package io.k8j.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code route_localnet} sysctl, which lets a packet to 127.0.0.1 be DNATed to a pod (NodePorts on localhost,
 * as kube-proxy enables them). The proxy turns it on while it runs and puts the host's value back when it stops;
 * K8J-FIREWALL drops what the setting would otherwise let in from outside.
 */
final class RouteLocalnet {
    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    private final String before;

    private RouteLocalnet(String before) {
        this.before = before;
    }

    static RouteLocalnet enable() throws IOException {
        String before = Files.readString(SYSCTL).strip();
        if (!before.equals("1")) {
            Files.writeString(SYSCTL, "1");
        }
        return new RouteLocalnet(before);
    }

    void restore() throws IOException {
        if (!before.equals("1")) {
            Files.writeString(SYSCTL, before);
        }
    }
}
