package io.k8j.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.List;
import java.util.Locale;

/**
 * One port of one Service, as kube-proxy's ServicePort: what the rules of that port need. {@code clusterIp} is
 * null for a Service without a virtual IP (headless); {@code nodePort} is 0 when the Service has none;
 * {@code affinitySeconds} is 0 without ClientIP session affinity.
 */
record ServicePortInfo(String namespace, String name, String portName, String protocol, String clusterIp, int port,
                       int nodePort, int affinitySeconds, boolean internalLocal, boolean externalLocal) {
    private static final int DEFAULT_AFFINITY_SECONDS = 10800;

    /** kube's ServicePortName: "ns/name:port", or "ns/name" for an unnamed port. */
    String id() {
        return namespace + "/" + name + (portName.isEmpty() ? "" : ":" + portName);
    }

    /** The ports k8j proxies: none for ExternalName (DNS only) or a Service without a cluster IP (headless). */
    static List<ServicePortInfo> of(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType()) || spec.getPorts() == null) {
            return List.of();
        }
        String clusterIp = spec.getClusterIP();
        if (clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp)) {
            return List.of();
        }
        int affinity = 0;
        if ("ClientIP".equals(spec.getSessionAffinity())) {
            Integer timeout = spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
                    ? spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() : null;
            affinity = timeout != null ? timeout : DEFAULT_AFFINITY_SECONDS;
        }
        boolean internalLocal = "Local".equals(spec.getInternalTrafficPolicy());
        boolean externalLocal = "Local".equals(spec.getExternalTrafficPolicy());
        final int affinitySeconds = affinity;
        return spec.getPorts().stream().map(p -> port(service, p, clusterIp, affinitySeconds, internalLocal, externalLocal)).toList();
    }

    private static ServicePortInfo port(Service service, ServicePort p, String clusterIp, int affinitySeconds,
                                        boolean internalLocal, boolean externalLocal) {
        return new ServicePortInfo(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                p.getName() == null ? "" : p.getName(), p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT),
                clusterIp, p.getPort(), p.getNodePort() == null ? 0 : p.getNodePort(), affinitySeconds, internalLocal, externalLocal);
    }
}
