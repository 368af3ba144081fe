package io.k8j.api.openapi;

import java.util.List;
import java.util.Map;

/**
 * What kube declares in Go struct tags and markers but fabric8 classes do not carry: how lists merge in
 * strategic merge patches and server-side apply, and which fields are required. kubectl computes
 * {@code apply} patches from these extensions once the OpenAPI document offers strategic merge patch, so a
 * missing merge key here would turn a list merge into a full replacement. Keyed by "Type.field" with
 * fabric8's simple class names (which equal kube's type names).
 */
public final class PatchHints {

    /** One list's (or struct's) semantics; null members are not declared. */
    public record Hint(String strategy, String mergeKey, String listType, List<String> mapKeys) {
    }

    private static final Hint BY_NAME = map("name");
    private static final Hint BY_TYPE = map("type");
    private static final Hint BY_IP = map("ip");

    private static final Map<String, Hint> HINTS = Map.ofEntries(
            Map.entry("ObjectMeta.finalizers", new Hint("merge", null, "set", null)),
            Map.entry("ObjectMeta.ownerReferences", map("uid")),
            Map.entry("PodSpec.volumes", new Hint("merge,retainKeys", "name", "map", List.of("name"))),
            Map.entry("PodSpec.initContainers", BY_NAME),
            Map.entry("PodSpec.containers", BY_NAME),
            Map.entry("PodSpec.ephemeralContainers", BY_NAME),
            Map.entry("PodSpec.imagePullSecrets", BY_NAME),
            Map.entry("PodSpec.hostAliases", BY_IP),
            Map.entry("PodSpec.topologySpreadConstraints", map("topologyKey", "whenUnsatisfiable")),
            Map.entry("PodSpec.resourceClaims", new Hint("merge,retainKeys", "name", "map", List.of("name"))),
            Map.entry("PodSpec.schedulingGates", BY_NAME),
            Map.entry("Container.ports", map("containerPort", "protocol")),
            Map.entry("Container.env", BY_NAME),
            Map.entry("Container.volumeMounts", map("mountPath")),
            Map.entry("Container.volumeDevices", map("devicePath")),
            Map.entry("EphemeralContainer.ports", map("containerPort", "protocol")),
            Map.entry("EphemeralContainer.env", BY_NAME),
            Map.entry("EphemeralContainer.volumeMounts", map("mountPath")),
            Map.entry("EphemeralContainer.volumeDevices", map("devicePath")),
            Map.entry("PodStatus.conditions", BY_TYPE),
            Map.entry("PodStatus.podIPs", BY_IP),
            Map.entry("PodStatus.hostIPs", BY_IP),
            Map.entry("ServiceSpec.ports", map("port", "protocol")),
            Map.entry("ServiceStatus.conditions", BY_TYPE),
            Map.entry("ServiceAccount.secrets", BY_NAME),
            Map.entry("NodeSpec.podCIDRs", new Hint("merge", null, "set", null)),
            Map.entry("NodeStatus.conditions", BY_TYPE),
            Map.entry("NodeStatus.addresses", new Hint("merge", "type", null, null)),
            Map.entry("NamespaceStatus.conditions", BY_TYPE),
            Map.entry("PersistentVolumeClaimStatus.conditions", BY_TYPE),
            Map.entry("DeploymentSpec.strategy", new Hint("retainKeys", null, null, null)),
            Map.entry("DeploymentStatus.conditions", BY_TYPE),
            Map.entry("ReplicaSetStatus.conditions", BY_TYPE),
            Map.entry("StatefulSetStatus.conditions", BY_TYPE),
            Map.entry("DaemonSetStatus.conditions", BY_TYPE),
            Map.entry("JobStatus.conditions", new Hint("merge", "type", "atomic", null)));

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

    private PatchHints() {
    }

    private static Hint map(String... keys) {
        return new Hint("merge", keys[0], "map", List.of(keys));
    }

    /** The declared semantics of {@code type.field}, or null (a plain field or an atomic list). */
    public static Hint of(String typeName, String field) {
        return HINTS.get(typeName + "." + field);
    }

    /** Fields the type requires, in name order; empty when none are declared. */
    static List<String> required(String typeName) {
        return REQUIRED.getOrDefault(typeName, List.of());
    }
}
