package io.k8j.e2e.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace the test creates, named after the test JVM's pid so that no other run meets it; links
 * between two of them have both ends inside them (none in the host's namespace). Closing deletes it, and with
 * it every interface, route and iptables rule in it.
 */
public record Netns(String name) implements AutoCloseable {
    public static Netns create(String suffix) {
        Netns ns = new Netns("k8j-" + suffix + "-" + ProcessHandle.current().pid());
        check("ip", "netns", "add", ns.name);
        check("ip", "-n", ns.name, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair eth0 here, eth0 there, with these addresses (a.b.c.d/n), both up. */
    public void link(Netns other, String here, String there) {
        check("ip", "-n", name, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", other.name);
        check("ip", "-n", name, "addr", "add", here, "dev", "eth0");
        check("ip", "-n", other.name, "addr", "add", there, "dev", "eth0");
        check("ip", "-n", name, "link", "set", "eth0", "up");
        check("ip", "-n", other.name, "link", "set", "eth0", "up");
    }

    /**
     * What runs a command in the namespace's network only: {@code ip netns exec} would also mount a sysfs without
     * the cgroup mounts runc needs.
     */
    public List<String> enter() {
        return List.of("nsenter", "--net=/run/netns/" + name);
    }

    /** A command run in the namespace (ip, iptables); its output, failing when it fails. */
    public String exec(String... cmd) {
        List<String> full = new ArrayList<>(enter());
        full.addAll(List.of(cmd));
        return check(full.toArray(String[]::new));
    }

    static String check(String... cmd) {
        ContainerdNode.HostResult r = ContainerdNode.host(cmd);
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out());
        }
        return r.out();
    }

    @Override
    public void close() {
        ContainerdNode.host("ip", "netns", "delete", name);
    }
}
