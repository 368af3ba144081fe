package io.k8j.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * The one table of schema facts that the fabric8 classes do not carry: the Go struct tags and markers of the
 * Kubernetes types that strategic merge patch and server-side apply depend on. Keyed by the fabric8 class's
 * simple name and the JSON field. Lists absent from the table are atomic (replaced whole), which is also what
 * Kubernetes does for lists without tags.
 */
public final class SchemaHints {

    private static final Map<String, ListType> LISTS = Map.ofEntries(
            entry("ObjectMeta.finalizers", ListType.set()),
            entry("ObjectMeta.ownerReferences", ListType.merge("uid")),

            entry("PodSpec.containers", ListType.merge("name")),
            entry("PodSpec.initContainers", ListType.merge("name")),
            entry("PodSpec.ephemeralContainers", ListType.merge("name")),
            entry("PodSpec.volumes", ListType.merge("name")),
            entry("PodSpec.imagePullSecrets", ListType.merge("name")),
            entry("PodSpec.hostAliases", ListType.merge("ip")),
            entry("PodSpec.resourceClaims", ListType.merge("name")),
            entry("PodSpec.schedulingGates", ListType.merge("name")),
            entry("PodSpec.topologySpreadConstraints", ListType.merge("topologyKey", "topologyKey", "whenUnsatisfiable")),

            entry("Container.ports", ListType.merge("containerPort", "containerPort", "protocol")),
            entry("Container.env", ListType.merge("name")),
            entry("Container.volumeMounts", ListType.merge("mountPath")),
            entry("Container.volumeDevices", ListType.merge("devicePath")),
            entry("EphemeralContainer.ports", ListType.merge("containerPort", "containerPort", "protocol")),
            entry("EphemeralContainer.env", ListType.merge("name")),
            entry("EphemeralContainer.volumeMounts", ListType.merge("mountPath")),
            entry("EphemeralContainer.volumeDevices", ListType.merge("devicePath")),
            entry("ResourceRequirements.claims", ListType.mapOnly("name")),

            entry("PodStatus.podIPs", ListType.merge("ip")),
            entry("PodStatus.hostIPs", ListType.mergeAtomic("ip")),
            entry("PodStatus.resourceClaimStatuses", ListType.merge("name")),
            entry("NodeSpec.podCIDRs", ListType.set()),
            entry("NodeStatus.addresses", ListType.mergeAtomic("type")),
            entry("JobStatus.conditions", ListType.mergeAtomic("type")),

            entry("ServiceSpec.ports", ListType.merge("port", "port", "protocol")),
            entry("ServiceAccount.secrets", ListType.merge("name")));

    /** Fields tagged {@code patchStrategy:"...,retainKeys"}: a patch may say which of their keys survive. */
    private static final Set<String> RETAIN_KEYS = Set.of(
            "PodSpec.volumes", "PodSpec.resourceClaims", "DeploymentSpec.strategy");

    /** Every other {@code conditions} list (Deployment, Node, Pod, Service, PVC, ... status) merges by type. */
    private static final ListType CONDITIONS = ListType.merge("type");

    /** Types marked {@code +structType=atomic}: SSA owns them as a whole, never field by field. */
    private static final Set<String> ATOMIC_STRUCTS = Set.of(
            "LabelSelector", "ObjectReference", "LocalObjectReference", "TypedLocalObjectReference",
            "NodeSelector", "ConfigMapKeySelector", "SecretKeySelector", "ObjectFieldSelector",
            "ResourceFieldSelector");

    /**
     * Fields Go serializes even when empty: value structs ({@code metadata}, {@code spec}, {@code template}, ...)
     * and lists without omitempty. SSA compares against Go objects, where these are never absent, so an object
     * that gains one has not "added" the field itself, only what is inside.
     */
    private static final Set<String> ALWAYS_SERIALIZED = Set.of(
            "metadata", "spec", "status", "template", "jobTemplate", "strategy", "updateStrategy", "containers");

    /** Defaults of list-map key fields, which SSA fills in before keying an item (ports without a protocol). */
    private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", TextNode.valueOf("TCP"));

    private SchemaHints() {
    }

    /** The behaviour of list field {@code field} of type {@code owner} (a fabric8 simple class name). */
    public static ListType list(String owner, String field) {
        ListType declared = declaredList(owner, field);
        return declared != null ? declared : ListType.ATOMIC;
    }

    /** Like {@link #list}, but null for a list without tags (for documents that only show what is declared). */
    public static ListType declaredList(String owner, String field) {
        ListType t = LISTS.get(owner + "." + field);
        if (t != null) {
            return t;
        }
        return field.equals("conditions") ? CONDITIONS : null;
    }

    public static boolean retainsKeys(String owner, String field) {
        return RETAIN_KEYS.contains(owner + "." + field);
    }

    public static boolean isAtomicStruct(String owner) {
        return ATOMIC_STRUCTS.contains(owner);
    }

    public static boolean isAlwaysSerialized(String field) {
        return ALWAYS_SERIALIZED.contains(field);
    }

    /** The value SSA assumes for list-map key {@code key} when an item omits it, or null. */
    public static JsonNode keyDefault(String key) {
        return KEY_DEFAULTS.get(key);
    }
}
