package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube's rules for ephemeral containers (validateEphemeralContainers, ValidatePodEphemeralContainersUpdate): they
 * are debugging aids, so nothing the pod's service could come to rely on (ports, probes, lifecycle, resources,
 * restartPolicy) may be set; once added through pods/ephemeralcontainers they may be neither changed nor removed.
 */
final class EphemeralContainerRules {
    static final String PATH = "spec.ephemeralContainers";
    /** EphemeralContainerCommon's fields that are not allowed, in the struct's order (the order of kube's errors). */
    private static final List<String> FORBIDDEN_FIELDS = List.of("ports", "resources", "resizePolicy", "restartPolicy",
            "restartPolicyRules", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle");
    private static final String NOT_ALLOWED = "cannot be set for an Ephemeral Container";
    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private EphemeralContainerRules() {
    }

    /** The checks of one ephemeral container beyond those every container gets. */
    static void fields(List<FieldError> errs, ObjectNode c, String path) {
        // kube compares with Go's zero value: an empty struct or list (resources: {}, which defaulting adds) is unset.
        for (String f : FORBIDDEN_FIELDS) {
            if (!Tree.isEmpty(c, f)) {
                errs.add(FieldError.forbidden(path + "." + f, NOT_ALLOWED));
            }
        }
        // Subpaths are bind mounts that outlive the container: kube refuses them for ephemeral ones.
        List<ObjectNode> mounts = Tree.objects(c, "volumeMounts");
        for (int i = 0; i < mounts.size(); i++) {
            for (String f : List.of("subPath", "subPathExpr")) {
                if (!Tree.text(mounts.get(i), f).isEmpty()) {
                    errs.add(FieldError.forbidden(path + ".volumeMounts[" + i + "]." + f, NOT_ALLOWED));
                }
            }
        }
    }

    /** A pod is created without ephemeral containers; they come later through the subresource. */
    static List<FieldError> onCreate(JsonNode spec) {
        return Tree.isEmpty(spec, "ephemeralContainers") ? List.of()
                : List.of(FieldError.forbidden(PATH, "cannot be set on create"));
    }

    /**
     * A write through pods/ephemeralcontainers, after the store kept everything of {@code old} but the list:
     * the whole pod must be valid, and every existing ephemeral container must be there unchanged.
     */
    static List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old, List<FieldError> podErrors) {
        if (old.path("metadata").path("annotations").has(MIRROR_ANNOTATION)) {
            return List.of(FieldError.forbidden("", "static pods do not support ephemeral containers"));
        }
        List<FieldError> errs = new ArrayList<>(podErrors);
        Map<String, ObjectNode> added = byName(pod);
        // A patch need not keep the order, so each is looked up by name.
        byName(old).forEach((name, was) -> {
            ObjectNode now = added.get(name);
            if (now == null) {
                errs.add(FieldError.forbidden(PATH, "existing ephemeral containers \"" + name + "\" may not be removed\n"));
            } else if (!Tree.same(was, now)) {
                errs.add(FieldError.forbidden(PATH, "existing ephemeral containers \"" + name + "\" may not be changed\n"));
            }
        });
        return errs;
    }

    private static Map<String, ObjectNode> byName(ObjectNode pod) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Tree.objects(pod.path("spec"), "ephemeralContainers").forEach(c -> out.put(Tree.text(c, "name"), c));
        return out;
    }
}
