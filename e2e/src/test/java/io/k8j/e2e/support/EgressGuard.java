package io.k8j.e2e.support;

import java.util.List;

/**
 * The network tests' own guard (docs of the team's design, "Safety of the network"): for the test's duration,
 * packets to the cluster and service CIDRs (10.42.0.0/15) that would leave by the default-route interface are
 * rejected in OUTPUT and FORWARD, so a bug under test cannot send cluster traffic off the machine. Closing it
 * removes exactly the rules it inserted.
 */
public final class EgressGuard implements AutoCloseable {
    private static final String CLUSTER_RANGE = "10.42.0.0/15";
    private static final List<String> HOOKS = List.of("OUTPUT", "FORWARD");
    private final String device;

    private EgressGuard(String device) {
        this.device = device;
    }

    public static EgressGuard install() {
        String route = ContainerdNode.host("ip", "-4", "route", "show", "default").out();
        List<String> words = List.of(route.strip().split("\\s+"));
        int dev = words.indexOf("dev");
        if (dev < 0 || dev + 1 >= words.size()) {
            throw new IllegalStateException("no default-route interface in: " + route);
        }
        EgressGuard guard = new EgressGuard(words.get(dev + 1));
        for (String hook : HOOKS) {
            ContainerdNode.HostResult r = ContainerdNode.host(guard.rule("-I", hook, "1"));
            if (r.code() != 0) {
                guard.close();
                throw new IllegalStateException("could not install the egress guard: " + r.out());
            }
        }
        return guard;
    }

    private String[] rule(String op, String hook, String... position) {
        List<String> cmd = new java.util.ArrayList<>(List.of("iptables", "-w", op, hook));
        cmd.addAll(List.of(position));
        cmd.addAll(List.of("-o", device, "-d", CLUSTER_RANGE, "-m", "comment", "--comment", "k8j e2e egress guard", "-j", "REJECT"));
        return cmd.toArray(String[]::new);
    }

    @Override
    public void close() {
        for (String hook : HOOKS) {
            ContainerdNode.host(rule("-D", hook));
        }
    }
}
