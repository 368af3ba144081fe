package io.k8j.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.k8j.client.OwnerRefs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ControllerRevisions as the DaemonSet and StatefulSet controllers write them (kube's controller/history):
 * named {@code <owner>-<hash>}, labelled {@code controller-revision-hash}, numbered, holding the patch that
 * restores the owner's pod template ({@code {"spec":{"template":{..., "$patch":"replace"}}}}), which is
 * what {@code kubectl rollout history --revision} and {@code rollout undo} apply.
 */
public final class Revisions {
    public static final String HASH_LABEL = "controller-revision-hash";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private Revisions() {
    }

    public static ControllerRevision build(HasMetadata owner, PodTemplateSpec template, String hash, long number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(HASH_LABEL, hash);
        return new ControllerRevisionBuilder().withNewMetadata()
                .withName(owner.getMetadata().getName() + "-" + hash).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(owner.getMetadata().getAnnotations())
                .withOwnerReferences(OwnerRefs.controllerRef(owner)).endMetadata()
                .withData(patchOf(template)).withRevision(number).build();
    }

    /** The revision's data: the template under spec, replacing whatever template the owner has. */
    static Map<String, Object> patchOf(PodTemplateSpec template) {
        Map<String, Object> tree = JSON.convertValue(template, Map.class);
        tree.put("$patch", "replace");
        return Map.of("spec", Map.of("template", tree));
    }

    /** The pod template a revision restores. */
    public static PodTemplateSpec templateOf(ControllerRevision revision) {
        Map<?, ?> data = JSON.convertValue(revision.getData(), Map.class);
        Map<String, Object> template = new LinkedHashMap<>(asMap(asMap(data.get("spec")).get("template")));
        template.remove("$patch");
        return JSON.convertValue(template, PodTemplateSpec.class);
    }

    /** Compared as parsed JSON, so that 30 read back from the server equals the 30L of a model object. */
    public static boolean holds(ControllerRevision revision, PodTemplateSpec template) {
        return tree(revision.getData()).equals(tree(patchOf(template)));
    }

    public static long number(ControllerRevision revision) {
        return revision.getRevision() == null ? 0 : revision.getRevision();
    }

    public static long highest(List<ControllerRevision> history) {
        return history.stream().mapToLong(Revisions::number).max().orElse(0);
    }

    /** Revisions to delete: those no live pod or status names, oldest first, beyond {@code limit}. */
    public static List<ControllerRevision> beyondLimit(List<ControllerRevision> history, Set<String> live, int limit) {
        List<ControllerRevision> idle = history.stream().filter(r -> !live.contains(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(Revisions::number)).toList();
        return idle.subList(0, Math.max(0, Math.min(idle.size(), history.size() - limit)));
    }

    private static JsonNode tree(Object value) {
        return JSON.unmarshal(JSON.asJson(value), JsonNode.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
