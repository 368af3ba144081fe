package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the endpoints and EndpointSlice controllers both need to know about a Service's pods (kube's
 * endpoints util): which pods it selects, which of those have a place among its endpoints, and the
 * port a service port reaches on a given pod.
 */
public final class ServicePods {
    private ServicePods() {
    }

    /** A service without a selector has its endpoints managed by someone else. */
    public static boolean hasSelector(Service svc) {
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        return selector != null && !selector.isEmpty();
    }

    public static List<ServicePort> ports(Service svc) {
        return svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
    }

    /** A service's selector is a plain map: each of its pairs must be among the pod's labels. */
    public static boolean selects(Service svc, Pod pod) {
        return hasSelector(svc) && Objects.equals(svc.getMetadata().getNamespace(), pod.getMetadata().getNamespace())
                && pod.getMetadata().getLabels() != null
                && pod.getMetadata().getLabels().entrySet().containsAll(svc.getSpec().getSelector().entrySet());
    }

    /**
     * kube's ShouldPodBeInEndpoints: the pod has an IP, is not being deleted (unless terminating pods are
     * wanted) and has not finished for good (a terminal phase its restartPolicy will not restart).
     */
    public static boolean belongs(Pod pod, boolean includeTerminating) {
        if (podIp(pod) == null || !includeTerminating && pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        return switch (String.valueOf(pod.getSpec().getRestartPolicy())) {
            case "Never" -> !"Failed".equals(phase) && !"Succeeded".equals(phase);
            case "OnFailure" -> !"Succeeded".equals(phase);
            default -> true;
        };
    }

    public static String podIp(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    /** kube's FindPort: the target port as a number, a named one looked up in the pod's containers; null if absent. */
    public static Integer targetPort(ServicePort port, Pod pod) {
        var target = port.getTargetPort();
        if (target == null || target.getIntVal() == null && target.getStrVal() == null) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        for (var container : pod.getSpec().getContainers()) {
            for (ContainerPort cp : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                String cpProtocol = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
                if (target.getStrVal().equals(cp.getName()) && protocol.equals(cpProtocol)) {
                    return cp.getContainerPort();
                }
            }
        }
        return null;
    }

    /** The pod's hostname within the service's DNS, when its spec.hostname and spec.subdomain ask for one. */
    public static String hostname(Service svc, Pod pod) {
        String hostname = pod.getSpec().getHostname();
        return hostname != null && !hostname.isEmpty() && svc.getMetadata().getName().equals(pod.getSpec().getSubdomain())
                ? hostname : null;
    }

    public static ObjectReference targetRef(Pod pod) {
        return new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
    }
}
