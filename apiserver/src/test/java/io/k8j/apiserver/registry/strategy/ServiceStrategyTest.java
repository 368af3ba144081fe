package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceCatalog;
import io.k8j.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceStrategyTest {
    private final ServiceAllocator allocator = new ServiceAllocator(ServiceAllocator.DEFAULT_SERVICE_CIDR,
            30000, 32767, new SplittableRandom(7), Clock.systemUTC());
    private final ResourceStrategy strategy = Strategies.forResource(
            ResourceCatalog.builtIn().find("", "v1", "services").orElseThrow(), allocator);
    private final List<ObjectNode> stored = new ArrayList<>();
    private final Fixtures.Context ctx = new Fixtures.Context(Map.of("services", stored), false);

    /** What `kubectl create service clusterip web --tcp=80:8080` sends, with the type swapped in. */
    private static ObjectNode kubectlCreate(String type) {
        return yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, labels: {app: web}}
                spec:
                  ports: [{name: 80-8080, port: 80, protocol: TCP, targetPort: 8080}]
                  selector: {app: web}
                  type: %s
                status: {loadBalancer: {}}
                """.formatted(type));
    }

    private ObjectNode create(ObjectNode svc) {
        strategy.prepareForCreate(svc, ctx);
        assertThat(strategy.validate(svc)).isEmpty();
        stored.add(svc);
        return svc;
    }

    @Test
    void clusterIpServiceReadsBackAsOnARealCluster() {
        ObjectNode svc = create(kubectlCreate("ClusterIP"));
        String ip = svc.at("/spec/clusterIP").asText();
        assertThat(ip).startsWith("10.43.").isNotEqualTo("10.43.0.1");
        assertThat(svc.get("spec")).isEqualTo(yaml("""
                clusterIP: %s
                clusterIPs: [%s]
                internalTrafficPolicy: Cluster
                ipFamilies: [IPv4]
                ipFamilyPolicy: SingleStack
                ports: [{name: 80-8080, port: 80, protocol: TCP, targetPort: 8080}]
                selector: {app: web}
                sessionAffinity: None
                type: ClusterIP
                """.formatted(ip, ip)));
    }

    @Test
    void nodePortServiceGetsPortsFromTheRange() {
        ObjectNode svc = create(kubectlCreate("NodePort"));
        assertThat(svc.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
        assertThat(svc.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
    }

    @Test
    void takenNodePortIsInvalidOnItsField() {
        ObjectNode first = create(kubectlCreate("NodePort"));
        ObjectNode second = kubectlCreate("NodePort");
        ((ObjectNode) second.at("/spec/ports/0")).put("nodePort", first.at("/spec/ports/0/nodePort").asInt());
        assertThatThrownBy(() -> strategy.prepareForCreate(second, ctx)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.status().at("/details/causes/0/field").asText()).isEqualTo("spec.ports[0].nodePort");
            assertThat(e.getMessage()).endsWith("provided port is already allocated");
        });
    }

    @Test
    void takenClusterIpIsInvalid() {
        ObjectNode first = create(kubectlCreate("ClusterIP"));
        ObjectNode second = kubectlCreate("ClusterIP");
        ((ObjectNode) second.get("spec")).put("clusterIP", first.at("/spec/clusterIP").asText());
        assertThatThrownBy(() -> strategy.prepareForCreate(second, ctx))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("spec.clusterIPs: Invalid value:")
                .hasMessageEndingWith("provided IP is already allocated");
    }

    @Test
    void externalNameAndHeadlessServicesGetNoAddress() {
        ObjectNode external = create(yaml("{metadata: {name: ext}, spec: {type: ExternalName, externalName: example.com}}"));
        assertThat(external.get("spec")).isEqualTo(yaml("{type: ExternalName, externalName: example.com, sessionAffinity: None}"));
        ObjectNode headless = create(yaml("{metadata: {name: db}, spec: {clusterIP: None, selector: {app: db}}}"));
        assertThat(headless.at("/spec/clusterIPs")).isEqualTo(yaml("{ips: [None]}").get("ips"));
        assertThat(headless.at("/spec/ipFamilyPolicy").asText()).isEqualTo("SingleStack");
    }

    @Test
    void dryRunKeepsNothing() {
        ObjectNode svc = kubectlCreate("NodePort");
        strategy.prepareForCreate(svc, new Fixtures.Context(Map.of("services", stored), true));
        ObjectNode again = kubectlCreate("NodePort");
        ((ObjectNode) again.get("spec")).put("clusterIP", svc.at("/spec/clusterIP").asText());
        ((ObjectNode) again.at("/spec/ports/0")).put("nodePort", svc.at("/spec/ports/0/nodePort").asInt());
        create(again);
    }

    @Test
    void replaceWithoutAllocatedValuesKeepsThem() {
        ObjectNode old = create(kubectlCreate("NodePort"));
        ObjectNode svc = kubectlCreate("NodePort");
        strategy.prepareForUpdate(svc, old, ctx);
        assertThat(strategy.validateUpdate(svc, old)).isEmpty();
        assertThat(svc.at("/spec/clusterIP")).isEqualTo(old.at("/spec/clusterIP"));
        assertThat(svc.at("/spec/ports/0/nodePort")).isEqualTo(old.at("/spec/ports/0/nodePort"));
    }

    @Test
    void clusterIpMayNotChange() {
        ObjectNode old = create(kubectlCreate("ClusterIP"));
        ObjectNode svc = old.deepCopy();
        ((ObjectNode) svc.get("spec")).put("clusterIP", "10.43.200.200");
        strategy.prepareForUpdate(svc, old, ctx);
        assertThat(strategy.validateUpdate(svc, old)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.clusterIPs[0]");
            assertThat(e.message()).isEqualTo("Invalid value: \"10.43.200.200\": may not change once set");
        });
    }

    @Test
    void switchingToClusterIpDropsNodePorts() {
        ObjectNode old = create(kubectlCreate("NodePort"));
        ObjectNode svc = old.deepCopy();
        ((ObjectNode) svc.get("spec")).put("type", "ClusterIP");
        strategy.prepareForUpdate(svc, old, ctx);
        assertThat(strategy.validateUpdate(svc, old)).isEmpty();
        assertThat(svc.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
        assertThat(svc.at("/spec/externalTrafficPolicy").isMissingNode()).isTrue();
    }

    @Test
    void deleteReleasesTheAddress() {
        ObjectNode svc = create(kubectlCreate("ClusterIP"));
        stored.clear();
        strategy.afterDelete(svc, ctx);
        ObjectNode again = kubectlCreate("ClusterIP");
        ((ObjectNode) again.get("spec")).put("clusterIP", svc.at("/spec/clusterIP").asText());
        create(again);
    }

    @Test
    void tcpAndUdpOnOnePortShareTheNodePort() {
        ObjectNode svc = create(yaml("""
                metadata: {name: dns}
                spec:
                  type: NodePort
                  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
                """));
        assertThat(svc.at("/spec/ports/0/nodePort")).isEqualTo(svc.at("/spec/ports/1/nodePort"));
    }

    @Test
    void exhaustedRangeIsAnInternalErrorAsInKube() {
        ServiceAllocator tiny = new ServiceAllocator("10.43.0.0/30", 30000, 32767, new SplittableRandom(1), Clock.systemUTC());
        ResourceStrategy s = Strategies.forResource(ResourceCatalog.builtIn().find("", "v1", "services").orElseThrow(), tiny);
        ObjectNode first = kubectlCreate("ClusterIP");
        s.prepareForCreate(first, ctx); // a /30 has two hosts, and the first is kept for the kubernetes service
        assertThatThrownBy(() -> s.prepareForCreate(kubectlCreate("ClusterIP"), ctx))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500))
                .hasMessage("Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{metadata: {name: 1web}, spec: {ports: [{port: 80}]}}                            | metadata.name: FieldValueInvalid",
            "{metadata: {name: web}, spec: {selector: {app: web}}}                             | spec.ports: FieldValueRequired",
            "{metadata: {name: web}, spec: {ports: [{name: a, port: 80}, {port: 81}]}}        | spec.ports[1].name: FieldValueRequired",
            "{metadata: {name: web}, spec: {ports: [{name: a, port: 80}, {name: a, port: 81}]}} | spec.ports[1].name: FieldValueDuplicate",
            "{metadata: {name: web}, spec: {ports: [{port: 80, protocol: HTTP}]}}             | spec.ports[0].protocol: FieldValueNotSupported",
            "{metadata: {name: web}, spec: {ports: [{port: 80, targetPort: http_1}]}}             | spec.ports[0].targetPort: FieldValueInvalid",
            "{metadata: {name: web}, spec: {ports: [{port: 80, targetPort: 65536}]}}          | spec.ports[0].targetPort: FieldValueInvalid",
            "{metadata: {name: web}, spec: {ports: [{port: 80, nodePort: 30080}]}}             | spec.ports[0].nodePort: FieldValueForbidden",
            "{metadata: {name: web}, spec: {type: ExternalName}}                               | spec.externalName: FieldValueRequired",
            "{metadata: {name: web}, spec: {type: Magic, ports: [{port: 80}]}}                 | spec.type: FieldValueNotSupported",
    })
    void invalidServicesNameTheField(String yaml, String error) {
        ObjectNode svc = yaml(yaml);
        strategy.prepareForCreate(svc, ctx);
        assertThat(fields(strategy.validate(svc))).containsExactly(error);
    }

    @Test
    void portZeroIsInvalidAndSoIsTheTargetPortDefaultedFromIt() {
        ObjectNode svc = yaml("{metadata: {name: web}, spec: {ports: [{port: 0}]}}");
        strategy.prepareForCreate(svc, ctx);
        assertThat(fields(strategy.validate(svc)))
                .containsExactly("spec.ports[0].port: FieldValueInvalid", "spec.ports[0].targetPort: FieldValueInvalid");
    }
}
