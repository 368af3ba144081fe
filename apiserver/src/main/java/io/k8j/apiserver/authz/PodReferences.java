package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects a pod names, as kube's node graph populator collects them (podutil.VisitPodSecretNames and
 * VisitPodConfigmapNames, claims, the service account): each as {@code resource/name} in the pod's namespace.
 */
public final class PodReferences {
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    /** Volume sources that name a secret in {@code secretRef} (flexVolume, cephfs, rbd, iscsi, scaleIO, ...). */
    private static final List<String> SECRET_REF_FIELDS = List.of("secretRef", "nodePublishSecretRef");

    private PodReferences() {
    }

    public static Set<String> of(JsonNode pod) {
        Set<String> refs = new HashSet<>();
        JsonNode spec = pod.path("spec");
        String account = spec.path("serviceAccountName").asText("");
        if (!account.isEmpty()) {
            refs.add("serviceaccounts/" + account);
        }
        spec.path("imagePullSecrets").forEach(s -> add(refs, "secrets", s.path("name")));
        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : spec.path(list)) {
                c.path("envFrom").forEach(e -> {
                    add(refs, "secrets", e.path("secretRef").path("name"));
                    add(refs, "configmaps", e.path("configMapRef").path("name"));
                });
                c.path("env").forEach(e -> {
                    add(refs, "secrets", e.path("valueFrom").path("secretKeyRef").path("name"));
                    add(refs, "configmaps", e.path("valueFrom").path("configMapKeyRef").path("name"));
                });
            }
        }
        String podName = pod.path("metadata").path("name").asText();
        for (JsonNode v : spec.path("volumes")) {
            add(refs, "secrets", v.path("secret").path("secretName"));
            add(refs, "configmaps", v.path("configMap").path("name"));
            add(refs, "persistentvolumeclaims", v.path("persistentVolumeClaim").path("claimName"));
            if (v.has("ephemeral")) {
                // kube's ephemeral.VolumeClaimName: the claim the controller makes for this pod's volume
                refs.add("persistentvolumeclaims/" + podName + "-" + v.path("name").asText());
            }
            for (JsonNode source : v.path("projected").path("sources")) {
                add(refs, "secrets", source.path("secret").path("name"));
                add(refs, "configmaps", source.path("configMap").path("name"));
            }
            v.forEach(source -> SECRET_REF_FIELDS.forEach(f -> add(refs, "secrets", source.path(f).path("name"))));
        }
        return refs;
    }

    private static void add(Set<String> refs, String resource, JsonNode name) {
        String n = name.asText("");
        if (!n.isEmpty()) {
            refs.add(resource + "/" + n);
        }
    }
}
