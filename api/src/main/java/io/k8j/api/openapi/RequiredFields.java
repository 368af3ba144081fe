package io.k8j.api.openapi;

import java.util.List;
import java.util.Map;

/**
 * The fields each type requires ({@code +required} markers), which fabric8 classes do not carry; keyed by
 * fabric8's simple class names (which equal kube's type names). List semantics live in
 * {@link io.k8j.api.patch.SchemaHints}, shared with the patch engine.
 */
final class RequiredFields {
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("PodSpec", List.of("containers")),
            Map.entry("Container", List.of("name")),
            Map.entry("EphemeralContainer", List.of("name")),
            Map.entry("ContainerPort", List.of("containerPort")),
            Map.entry("EnvVar", List.of("name")),
            Map.entry("Volume", List.of("name")),
            Map.entry("VolumeMount", List.of("mountPath", "name")),
            Map.entry("KeyToPath", List.of("key", "path")),
            Map.entry("ServicePort", List.of("port")),
            Map.entry("Taint", List.of("effect", "key")),
            Map.entry("LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry("NodeSelectorRequirement", List.of("key", "operator")),
            Map.entry("OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
            Map.entry("DeploymentSpec", List.of("selector", "template")),
            Map.entry("ReplicaSetSpec", List.of("selector")),
            Map.entry("StatefulSetSpec", List.of("selector", "template")),
            Map.entry("DaemonSetSpec", List.of("selector", "template")),
            Map.entry("JobSpec", List.of("template")),
            Map.entry("CronJobSpec", List.of("jobTemplate", "schedule")),
            Map.entry("PodCondition", List.of("status", "type")),
            Map.entry("NodeCondition", List.of("status", "type")),
            Map.entry("DeploymentCondition", List.of("status", "type")));

    private RequiredFields() {
    }

    /** Fields the type requires, in name order; empty when none are declared. */
    static List<String> of(String typeName) {
        return REQUIRED.getOrDefault(typeName, List.of());
    }
}
