package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The downward API's resourceFieldRef, for env and downwardAPI volume items alike, as kube's
 * ExtractResourceValueByContainerNameAndNodeAllocatable: a container's limit or request in units of the
 * divisor (default 1), rounded up; a limit the container does not set is the node's allocatable.
 */
final class ResourceFieldRefs {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private ResourceFieldRefs() {
    }

    /** containerName: the selector's, or (for env, where it may be left out) the container being configured. */
    static String value(Pod pod, String containerName, ResourceFieldSelector ref, Map<String, String> allocatable) {
        String name = ref.getContainerName() == null || ref.getContainerName().isEmpty() ? containerName : ref.getContainerName();
        Container c = Stream.concat(pod.getSpec().getContainers().stream(), pod.getSpec().getInitContainers().stream())
                .filter(x -> x.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("resourceFieldRef: container " + name + " not found"));
        String[] parts = ref.getResource().split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))) {
            throw new IllegalStateException("unsupported container resource : " + ref.getResource());
        }
        String resource = parts[1];
        if (!resource.equals("cpu") && !resource.equals("memory") && !resource.equals("ephemeral-storage")) {
            throw new IllegalStateException("unsupported container resource : " + ref.getResource());
        }
        Map<String, Quantity> set = c.getResources() == null ? null
                : parts[0].equals("limits") ? c.getResources().getLimits() : c.getResources().getRequests();
        Quantity q = set == null ? null : set.get(resource);
        if (q == null && parts[0].equals("limits") && allocatable.containsKey(resource)) {
            q = new Quantity(allocatable.get(resource));
        }
        BigDecimal amount = q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
        BigDecimal divisor = ref.getDivisor() == null || Quantity.getAmountInBytes(ref.getDivisor()).signum() == 0
                ? BigDecimal.ONE : Quantity.getAmountInBytes(ref.getDivisor());
        // Kube divides cpu in millicores and the others in whole units, each rounded up first.
        BigDecimal unit = resource.equals("cpu") ? THOUSAND : BigDecimal.ONE;
        BigDecimal value = amount.multiply(unit).setScale(0, RoundingMode.CEILING);
        BigDecimal per = divisor.multiply(unit).setScale(0, RoundingMode.CEILING);
        return value.divide(per, 0, RoundingMode.CEILING).toPlainString();
    }
}
