package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvTest {
    private static Service service(String ns, String name, String ip) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().withNewSpec()
                .withClusterIP(ip).addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
                .addNewPort().withName("dns-udp").withProtocol("UDP").withPort(53).endPort().endSpec().build();
    }

    @Test
    void serviceOfThePodsNamespaceGetsKubesAndDockersVariables() {
        Map<String, String> env = ServiceEnv.of(List.of(service("shop", "web-front", "10.43.0.20")), "shop", true);
        assertThat(env).containsExactly(
                Map.entry("WEB_FRONT_SERVICE_HOST", "10.43.0.20"),
                Map.entry("WEB_FRONT_SERVICE_PORT", "80"),
                Map.entry("WEB_FRONT_SERVICE_PORT_HTTP", "80"),
                Map.entry("WEB_FRONT_SERVICE_PORT_DNS_UDP", "53"),
                Map.entry("WEB_FRONT_PORT", "tcp://10.43.0.20:80"),
                Map.entry("WEB_FRONT_PORT_80_TCP", "tcp://10.43.0.20:80"),
                Map.entry("WEB_FRONT_PORT_80_TCP_PROTO", "tcp"),
                Map.entry("WEB_FRONT_PORT_80_TCP_PORT", "80"),
                Map.entry("WEB_FRONT_PORT_80_TCP_ADDR", "10.43.0.20"),
                Map.entry("WEB_FRONT_PORT_53_UDP", "udp://10.43.0.20:53"),
                Map.entry("WEB_FRONT_PORT_53_UDP_PROTO", "udp"),
                Map.entry("WEB_FRONT_PORT_53_UDP_PORT", "53"),
                Map.entry("WEB_FRONT_PORT_53_UDP_ADDR", "10.43.0.20"));
    }

    @Test
    void otherNamespacesHeadlessServicesAndDisabledLinksGiveNoneButTheMasterService() {
        List<Service> services = List.of(service("default", "kubernetes", "10.43.0.1"), service("other", "db", "10.43.0.30"),
                service("shop", "headless", "None"), service("shop", "web", "10.43.0.20"));
        assertThat(ServiceEnv.of(services, "shop", true)).containsKeys("KUBERNETES_SERVICE_HOST", "KUBERNETES_PORT_80_TCP", "WEB_SERVICE_HOST")
                .doesNotContainKeys("DB_SERVICE_HOST", "HEADLESS_SERVICE_HOST");
        assertThat(ServiceEnv.of(services, "shop", false).keySet()).allMatch(k -> k.startsWith("KUBERNETES_"))
                .contains("KUBERNETES_SERVICE_HOST");
    }

    @Test
    void aNamespacesOwnServiceNamedKubernetesWinsOverTheMasterOne() {
        List<Service> services = List.of(service("default", "kubernetes", "10.43.0.1"), service("shop", "kubernetes", "10.43.0.99"));
        assertThat(ServiceEnv.of(services, "shop", true)).containsEntry("KUBERNETES_SERVICE_HOST", "10.43.0.99");
    }
}
