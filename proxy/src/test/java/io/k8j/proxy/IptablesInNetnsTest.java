package io.k8j.proxy;

import io.k8j.client.host.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.proxy.ServiceFixtures.clusterIp;
import static io.k8j.proxy.ServiceFixtures.ready;
import static io.k8j.proxy.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Syncs and cleanup against real iptables, in a network namespace the test creates and deletes (never the host's tables). */
class IptablesInNetnsTest {
    private final String netns = "k8j-proxy-test-" + ProcessHandle.current().pid();
    private Iptables iptables;

    @BeforeEach
    void createNamespace() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(HostCommand.exec(List.of("iptables-restore", "--version"), null).ok(), "iptables-restore is not installed");
        assumeTrue(HostCommand.exec(List.of("ip", "netns", "add", netns), null).ok(), "cannot create a network namespace");
        iptables = new Iptables(List.of("ip", "netns", "exec", netns));
    }

    @AfterEach
    void deleteNamespace() {
        if (iptables != null) {
            HostCommand.exec(List.of("ip", "netns", "delete", netns), null);
        }
    }

    private List<String> saved(String... table) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", netns, "iptables-save"));
        if (table.length > 0) {
            cmd.addAll(List.of("-t", table[0]));
        }
        return HostCommand.check(cmd, null).lines().toList();
    }

    @Test
    void syncsKeepOneJumpPerHookDropDeletedServicesChainsAndCleanupLeavesNothing() {
        ProxyConfig node = ProxyConfig.defaults("node-a");
        iptables.apply(ProxyRules.build(node, List.of(clusterIp("web", "10.43.0.20", 80).build(), clusterIp("db", "10.43.0.21", 5432).build()),
                List.of(slice("web", 80, ready("10.42.0.5", "node-a")), slice("db", 5432, ready("10.42.0.6", "node-a")))));
        iptables.apply(ProxyRules.build(node, List.of(clusterIp("web", "10.43.0.20", 80).build()),
                List.of(slice("web", 80, ready("10.42.0.5", "node-a")))));
        for (HookJump jump : HookJump.ALL) {
            assertThat(saved(jump.table()).stream().filter(l -> jump.presentIn(List.of(l)))).as(jump.toString()).hasSize(1);
        }
        List<String> rules = saved();
        assertThat(rules).anyMatch(l -> l.contains("DNAT --to-destination 10.42.0.5:80"))
                .noneMatch(l -> l.contains("default/db") || l.contains("10.42.0.6"));
        assertThat(rules.stream().filter(l -> l.startsWith(":K8J-SVC-") || l.startsWith(":K8J-SEP-"))).hasSize(2);

        iptables.cleanup();
        assertThat(saved()).noneMatch(l -> l.contains("K8J-"));
    }
}
