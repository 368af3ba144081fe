package io.k8j.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.k8j.proxy.ServiceFixtures.clusterIp;
import static io.k8j.proxy.ServiceFixtures.nodePort;
import static io.k8j.proxy.ServiceFixtures.ready;
import static io.k8j.proxy.ServiceFixtures.slice;
import static io.k8j.proxy.ServiceFixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

class ProxyRulesTest {
    private static final ProxyConfig NODE = ProxyConfig.defaults("node-a");

    private static Ruleset build(List<Service> services, List<EndpointSlice> slices) {
        return ProxyRules.build(NODE, services, slices);
    }

    private static List<String> lines(TableRules table) {
        return table.restoreInput(Set.of()).lines().toList();
    }

    private static List<String> rulesOf(TableRules table, String chain) {
        return lines(table).stream().filter(l -> l.startsWith("-A " + chain + " ")).toList();
    }

    @Test
    void clusterIpBalancesEvenlyOverReadyEndpointsAndDnatsToEach() {
        Ruleset r = build(List.of(clusterIp("web", "10.43.0.20", 80).build()),
                List.of(slice("web", 8080, ready("10.42.0.5", "node-a"), ready("10.42.0.6", "node-b"), ready("10.42.0.7", "node-a"))));
        String svc = "K8J-SVC-" + r.nat().chains().stream().filter(c -> c.startsWith("K8J-SVC-")).findFirst().orElseThrow().substring(8);
        assertThat(rulesOf(r.nat(), "K8J-SERVICES")).containsExactly(
                "-A K8J-SERVICES -d 10.43.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j " + svc,
                "-A K8J-SERVICES -m comment --comment \"k8j service nodeports; NOTE: this must be the last rule in this chain\""
                        + " -m addrtype --dst-type LOCAL -j K8J-NODEPORTS");
        List<String> balancing = rulesOf(r.nat(), svc);
        assertThat(balancing.get(0)).isEqualTo("-A " + svc + " ! -s 10.42.0.0/16 -d 10.43.0.20/32 -p tcp -m comment --comment"
                + " \"default/web:http cluster IP\" -m tcp --dport 80 -j K8J-MARK-MASQ");
        assertThat(balancing.get(1)).contains("\"default/web:http -> 10.42.0.5:8080\" -m statistic --mode random --probability 0.3333333333 -j K8J-SEP-");
        assertThat(balancing.get(2)).contains("\"default/web:http -> 10.42.0.6:8080\" -m statistic --mode random --probability 0.5000000000 -j K8J-SEP-");
        assertThat(balancing.get(3)).contains("\"default/web:http -> 10.42.0.7:8080\" -j K8J-SEP-").doesNotContain("statistic");
        String sep = balancing.get(1).substring(balancing.get(1).lastIndexOf(' ') + 1);
        assertThat(rulesOf(r.nat(), sep)).containsExactly(
                "-A " + sep + " -s 10.42.0.5/32 -m comment --comment \"default/web:http\" -j K8J-MARK-MASQ",
                "-A " + sep + " -p tcp -m comment --comment \"default/web:http\" -m tcp -j DNAT --to-destination 10.42.0.5:8080");
        assertThat(lines(r.filter())).noneMatch(l -> l.contains("default/web"));
    }

    @Test
    void serviceWithoutReadyEndpointsIsRejectedInTheFilterTable() {
        Ruleset r = build(List.of(clusterIp("idle", "10.43.0.30", 80).build()),
                List.of(slice("idle", 80, new ServiceFixtures.Ep("10.42.0.9", "node-a", false, false, false))));
        assertThat(rulesOf(r.filter(), "K8J-SERVICES")).containsExactly(
                "-A K8J-SERVICES -d 10.43.0.30/32 -p tcp -m comment --comment \"default/idle:http has no endpoints\" -m tcp --dport 80"
                        + " -j REJECT --reject-with icmp-port-unreachable",
                "-A K8J-SERVICES -d 10.43.0.0/16 -m comment --comment \"k8j: no Service at this address and port\""
                        + " -j REJECT --reject-with icmp-port-unreachable");
        assertThat(lines(r.nat())).noneMatch(l -> l.contains("default/idle") || l.startsWith(":K8J-SVC-"));
    }

    @Test
    void terminatingServingEndpointsAreUsedOnlyWhenNoneIsReady() {
        List<Service> web = List.of(clusterIp("web", "10.43.0.20", 80).build());
        Ruleset mixed = build(web, List.of(slice("web", 80, ready("10.42.0.5", "node-a"), terminating("10.42.0.6", "node-a", true))));
        assertThat(lines(mixed.nat())).anyMatch(l -> l.contains("DNAT --to-destination 10.42.0.5:80"))
                .noneMatch(l -> l.contains("10.42.0.6"));
        Ruleset draining = build(web, List.of(slice("web", 80,
                terminating("10.42.0.6", "node-a", true), terminating("10.42.0.7", "node-a", false))));
        assertThat(lines(draining.nat())).anyMatch(l -> l.contains("DNAT --to-destination 10.42.0.6:80"))
                .noneMatch(l -> l.contains("10.42.0.7"));
    }

    @Test
    void nodePortMasqueradesAndGoesToTheServiceChain() {
        Ruleset r = build(List.of(nodePort("web", "10.43.0.20", 80, 30080, "Cluster")),
                List.of(slice("web", 80, ready("10.42.0.5", "node-b"))));
        List<String> nodePorts = rulesOf(r.nat(), "K8J-NODEPORTS");
        assertThat(nodePorts).hasSize(1);
        assertThat(nodePorts.getFirst()).startsWith("-A K8J-NODEPORTS -p tcp -m comment --comment \"default/web:http\" -m tcp --dport 30080 -j K8J-EXT-");
        String ext = nodePorts.getFirst().substring(nodePorts.getFirst().lastIndexOf(' ') + 1);
        assertThat(rulesOf(r.nat(), ext)).containsExactly(
                "-A " + ext + " -m comment --comment \"masquerade traffic for default/web:http external destinations\" -j K8J-MARK-MASQ",
                "-A " + ext + " -j " + ext.replace("K8J-EXT-", "K8J-SVC-"));
    }

    @Test
    void externalTrafficPolicyLocalSendsNodePortTrafficOnlyToThisNodesEndpoints() {
        Service svc = nodePort("web", "10.43.0.20", 80, 30080, "Local");
        Ruleset r = build(List.of(svc), List.of(slice("web", 80, ready("10.42.0.5", "node-a"), ready("10.42.1.5", "node-b"))));
        String svl = r.nat().chains().stream().filter(c -> c.startsWith("K8J-SVL-")).findFirst().orElseThrow();
        assertThat(rulesOf(r.nat(), svl)).singleElement().asString().contains("10.42.0.5:80").doesNotContain("statistic");
        String ext = svl.replace("K8J-SVL-", "K8J-EXT-");
        assertThat(rulesOf(r.nat(), ext)).containsExactly(
                "-A " + ext + " -s 10.42.0.0/16 -m comment --comment \"pod traffic for default/web:http external destinations\" -j "
                        + svl.replace("K8J-SVL-", "K8J-SVC-"),
                "-A " + ext + " -m comment --comment \"masquerade LOCAL traffic for default/web:http external destinations\""
                        + " -m addrtype --src-type LOCAL -j K8J-MARK-MASQ",
                "-A " + ext + " -m comment --comment \"route LOCAL traffic for default/web:http external destinations\""
                        + " -m addrtype --src-type LOCAL -j " + svl.replace("K8J-SVL-", "K8J-SVC-"),
                "-A " + ext + " -j " + svl);

        Ruleset elsewhere = build(List.of(svc), List.of(slice("web", 80, ready("10.42.1.5", "node-b"))));
        assertThat(rulesOf(elsewhere.filter(), "K8J-EXTERNAL-SERVICES")).containsExactly(
                "-A K8J-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p tcp -m comment --comment"
                        + " \"default/web:http has no local endpoints\" -m tcp --dport 30080 -j DROP");
    }

    @Test
    void internalTrafficPolicyLocalUsesOnlyThisNodesEndpointsAndDropsWithoutThem() {
        Service local = new ServiceBuilder(clusterIp("web", "10.43.0.20", 80).build()).editSpec()
                .withInternalTrafficPolicy("Local").endSpec().build();
        Ruleset here = build(List.of(local), List.of(slice("web", 80, ready("10.42.0.5", "node-a"), ready("10.42.1.5", "node-b"))));
        assertThat(lines(here.nat())).anyMatch(l -> l.contains("10.42.0.5:80")).noneMatch(l -> l.contains("10.42.1.5"));
        Ruleset none = build(List.of(local), List.of(slice("web", 80, ready("10.42.1.5", "node-b"))));
        assertThat(rulesOf(none.filter(), "K8J-SERVICES").getFirst()).isEqualTo("-A K8J-SERVICES -d 10.43.0.20/32 -p tcp -m comment"
                + " --comment \"default/web:http has no local endpoints\" -m tcp --dport 80 -j DROP");
    }

    @Test
    void clientIpAffinityKeepsAClientOnItsEndpoint() {
        Service sticky = new ServiceBuilder(clusterIp("web", "10.43.0.20", 80).build()).editSpec().withSessionAffinity("ClientIP")
                .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(600).endClientIP().endSessionAffinityConfig()
                .endSpec().build();
        Ruleset r = build(List.of(sticky), List.of(slice("web", 80, ready("10.42.0.5", "node-a"), ready("10.42.0.6", "node-a"))));
        String svc = r.nat().chains().stream().filter(c -> c.startsWith("K8J-SVC-")).findFirst().orElseThrow();
        List<String> rules = rulesOf(r.nat(), svc);
        assertThat(rules.get(1)).matches(".*\"default/web:http -> 10.42.0.5:80\" -m recent --name (K8J-SEP-\\w+) --mask 255.255.255.255"
                + " --rsource --rcheck --seconds 600 --reap -j \\1");
        String sep = rules.get(1).substring(rules.get(1).lastIndexOf(' ') + 1);
        assertThat(rulesOf(r.nat(), sep).get(1)).contains("-m recent --name " + sep + " --mask 255.255.255.255 --rsource --set -m tcp -j DNAT");
    }

    @Test
    void headlessAndExternalNameServicesGetNoRules() {
        Service headless = clusterIp("db", "None", 5432).build();
        Service external = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build();
        Ruleset r = build(List.of(headless, external), List.of(slice("db", 5432, ready("10.42.0.5", "node-a"))));
        assertThat(r.nat().restoreInput(Set.of()) + r.filter().restoreInput(Set.of())).doesNotContain("default/db", "default/ext");
    }

    @Test
    void chainsOfDeletedServicesAreFlushedAndDeletedButOtherOwnersChainsAreNot() {
        Ruleset r = build(List.of(), List.of());
        String nat = r.nat().restoreInput(Set.of("K8J-SERVICES", "K8J-SVC-OLDOLDOLDOLDOLD1", "K8J-SEP-OLDOLDOLDOLDOLD2", "K8J-POD-GUARD"));
        assertThat(nat.lines()).startsWith("*nat").endsWith("-X K8J-SEP-OLDOLDOLDOLDOLD2", "-X K8J-SVC-OLDOLDOLDOLDOLD1", "COMMIT")
                .contains(":K8J-SVC-OLDOLDOLDOLDOLD1 - [0:0]").noneMatch(l -> l.contains("POD-GUARD"));
    }

    @Test
    void chainNamesAreStableAndFitIptablesLimit() {
        ServicePortInfo port = ServicePortInfo.of(clusterIp("a-rather-long-service-name-for-a-test", "10.43.0.20", 80).build()).getFirst();
        EndpointInfo endpoint = new EndpointInfo("10.42.0.5", 80, true, true, false, "node-a");
        assertThat(ChainNames.service(port)).matches("K8J-SVC-[A-Z2-7]{16}").isEqualTo(ChainNames.service(port))
                .isNotEqualTo(ChainNames.service(ServicePortInfo.of(clusterIp("b", "10.43.0.21", 80).build()).getFirst()));
        assertThat(ChainNames.endpoint(port, endpoint)).hasSizeLessThanOrEqualTo(28);
    }
}
