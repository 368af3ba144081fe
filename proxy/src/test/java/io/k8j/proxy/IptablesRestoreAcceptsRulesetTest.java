package io.k8j.proxy;

import io.k8j.client.host.HostCommand;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.proxy.ServiceFixtures.clusterIp;
import static io.k8j.proxy.ServiceFixtures.nodePort;
import static io.k8j.proxy.ServiceFixtures.ready;
import static io.k8j.proxy.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** iptables itself parses every kind of rule the proxy writes ({@code iptables-restore --test}: nothing is committed). */
class IptablesRestoreAcceptsRulesetTest {
    @Test
    void everyKindOfRuleParses() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to build rules with iptables-restore --test");
        assumeTrue(HostCommand.exec(List.of("iptables-restore", "--version"), null).ok(), "iptables-restore is not installed");
        Service sticky = new ServiceBuilder(clusterIp("sticky", "10.43.0.21", 80).build()).editSpec().withSessionAffinity("ClientIP").endSpec().build();
        Ruleset ruleset = ProxyRules.build(ProxyConfig.defaults("node-a"),
                List.of(nodePort("web", "10.43.0.20", 80, 30080, "Cluster"), nodePort("local", "10.43.0.22", 80, 30081, "Local"),
                        nodePort("nowhere", "10.43.0.23", 80, 30082, "Local"), sticky, clusterIp("idle", "10.43.0.24", 80).build()),
                List.of(slice("web", 80, ready("10.42.0.5", "node-a"), ready("10.42.0.6", "node-b")),
                        slice("local", 80, ready("10.42.0.7", "node-a")), slice("nowhere", 80, ready("10.42.1.7", "node-b")),
                        slice("sticky", 80, ready("10.42.0.8", "node-a"), ready("10.42.0.9", "node-a"))));
        assertThatCode(() -> Iptables.HOST.test(ruleset)).doesNotThrowAnyException();
    }
}
