package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;

/** A host port a pod claims on its node. */
public record HostPort(String ip, String protocol, int port) {
    private static final String ANY = "0.0.0.0";

    /** Two claims clash on the same protocol and port when either binds all addresses or both bind the same one. */
    public boolean conflictsWith(HostPort o) {
        return port == o.port && protocol.equals(o.protocol)
                && (ip.equals(o.ip) || ip.equals(ANY) || o.ip.equals(ANY));
    }

    public static List<HostPort> of(Pod pod) {
        List<HostPort> ports = new ArrayList<>(0);
        addAll(ports, pod.getSpec().getContainers());
        addAll(ports, pod.getSpec().getInitContainers());
        return ports;
    }

    private static void addAll(List<HostPort> into, List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    String ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? ANY : p.getHostIP();
                    into.add(new HostPort(ip, p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getHostPort()));
                }
            }
        }
    }
}
