package io.k8j.api.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.util.Map;
import java.util.Set;

/**
 * Where a Kubernetes object's JSON differs from its protobuf field walk, because Go's JSON encoder sees
 * struct tags that the .proto files do not carry. The lists were found by comparing every client-java-proto
 * message with the fabric8 model's JSON properties, and checked against kubectl 1.31 JSON vs 1.32 protobuf
 * bodies for the same commands.
 */
final class GoJsonRules {
    /** Embedded Go structs ({@code json:",inline"}): their fields belong to the enclosing JSON object. */
    private static final Set<String> INLINE = Set.of(
            "localObjectReference:LocalObjectReference", "volumeSource:VolumeSource",
            "persistentVolumeSource:PersistentVolumeSource", "handler:ProbeHandler",
            "ephemeralContainerCommon:EphemeralContainerCommon", "ingressRuleValue:IngressRuleValue");

    /** Proto field names go-to-protobuf derived from the Go field name instead of the JSON tag. */
    private static final Map<String, String> RENAMED = Map.of(
            "IngressClassParametersReference.aPIGroup", "apiGroup",
            "BoundObjectReference.uID", "uid",
            "MutatingWebhookConfiguration.Webhooks", "webhooks",
            "ValidatingWebhookConfiguration.Webhooks", "webhooks",
            "Validation.Expression", "expression",
            "Variable.Name", "name",
            "Variable.Expression", "expression");

    /**
     * Go's protobuf marshaller writes every non-pointer field, zero or not, and Go then treats that zero as
     * unset; its JSON encoder drops it (omitempty). So a present zero scalar ("", 0, false) is dropped too,
     * which makes the JSON equal to what the same client sends as JSON. These fields are the exceptions,
     * mostly pointers whose zero means something other than their absence (replicas: 0, runAsUser: 0,
     * ttlSecondsAfterFinished: 0, allowPrivilegeEscalation: false, storageClassName: "").
     */
    private static final Set<String> MEANINGFUL_ZERO = Set.of(
            "DeploymentSpec.replicas", "DeploymentSpec.revisionHistoryLimit", "DeploymentSpec.progressDeadlineSeconds",
            "StatefulSetSpec.replicas", "StatefulSetSpec.revisionHistoryLimit", "ReplicaSetSpec.replicas",
            "ReplicationControllerSpec.replicas", "DaemonSetSpec.revisionHistoryLimit", "ScaleSpec.replicas",
            "HorizontalPodAutoscalerSpec.minReplicas",
            "JobSpec.parallelism", "JobSpec.completions", "JobSpec.backoffLimit", "JobSpec.backoffLimitPerIndex",
            "JobSpec.maxFailedIndexes", "JobSpec.ttlSecondsAfterFinished", "CronJobSpec.startingDeadlineSeconds",
            "CronJobSpec.successfulJobsHistoryLimit", "CronJobSpec.failedJobsHistoryLimit",
            "PodSpec.terminationGracePeriodSeconds", "PodSpec.priority", "PodSpec.automountServiceAccountToken",
            "PodSpec.enableServiceLinks", "PodSpec.hostUsers", "Probe.terminationGracePeriodSeconds",
            "ServiceAccount.automountServiceAccountToken", "SecurityContext.runAsUser", "SecurityContext.runAsGroup",
            "SecurityContext.allowPrivilegeEscalation", "PodSecurityContext.runAsUser",
            "PodSecurityContext.runAsGroup", "PodSecurityContext.fsGroup",
            "ConfigMapVolumeSource.defaultMode", "SecretVolumeSource.defaultMode", "ProjectedVolumeSource.defaultMode",
            "DownwardAPIVolumeSource.defaultMode", "KeyToPath.mode", "DownwardAPIVolumeFile.mode",
            "ServiceAccountTokenProjection.expirationSeconds", "TokenRequestSpec.expirationSeconds",
            "PersistentVolumeClaimSpec.storageClassName", "PersistentVolumeClaimSpec.volumeAttributesClassName",
            "ServiceSpec.allocateLoadBalancerNodePorts");

    private GoJsonRules() {
    }

    static boolean isInline(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                && INLINE.contains(field.getName() + ":" + field.getMessageType().getName());
    }

    static String jsonName(FieldDescriptor field) {
        return RENAMED.getOrDefault(field.getContainingType().getName() + "." + field.getName(), field.getName());
    }

    /** Whether a present scalar is written; messages, lists and maps follow their own rules. */
    static boolean writesScalar(FieldDescriptor field, Object value) {
        return !isZero(value) || MEANINGFUL_ZERO.contains(field.getContainingType().getName() + "." + field.getName());
    }

    private static boolean isZero(Object value) {
        return switch (value) {
            case String s -> s.isEmpty();
            case ByteString b -> b.isEmpty();
            case Boolean b -> !b;
            case Number n -> n.doubleValue() == 0;
            default -> false;
        };
    }
}
