package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of a PodSpec (the common subset of kube's ValidatePodSpec), the one implementation used by Pods
 * and every pod template. Callers pass the restart policies their kind accepts: workloads only "Always",
 * Jobs "OnFailure" and "Never".
 */
final class PodSpecValidation {
    static final List<String> ALL_RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
    private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
    private static final List<String> TAINT_EFFECTS = List.of("NoExecute", "NoSchedule", "PreferNoSchedule");
    private static final Map<String, ContainerValidation.Kind> KINDS = Map.of("containers", ContainerValidation.Kind.APP,
            "initContainers", ContainerValidation.Kind.INIT, "ephemeralContainers", ContainerValidation.Kind.EPHEMERAL);
    /** A volume's fields other than its source. */
    private static final Set<String> VOLUME_NOT_SOURCES = Set.of("name");

    private PodSpecValidation() {
    }

    static List<FieldError> validate(JsonNode spec, String path, List<String> restartPolicies) {
        return validate(spec, path, restartPolicies, Set.of());
    }

    /**
     * @param moreVolumes names that volumeMounts may use besides the spec's volumes: a StatefulSet's claim
     *                    templates, which become volumes of its pods
     */
    static List<FieldError> validate(JsonNode spec, String path, List<String> restartPolicies, Set<String> moreVolumes) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null) {
            errs.add(FieldError.required(path + ".containers", ""));
            return errs;
        }
        Set<String> volumes = volumes(errs, spec, path);
        volumes.addAll(moreVolumes);
        boolean hostNetwork = Tree.isTrue(spec, "hostNetwork");
        List<ObjectNode> containers = Tree.objects(spec, "containers");
        if (containers.isEmpty()) {
            errs.add(FieldError.required(path + ".containers", ""));
        }
        // Init containers are checked after the app containers and may not reuse any of their names; ephemeral
        // containers come last and may reuse none.
        Set<String> names = new HashSet<>();
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            List<ObjectNode> cs = Tree.objects(spec, list);
            for (int i = 0; i < cs.size(); i++) {
                String cp = path + "." + list + "[" + i + "]";
                ContainerValidation.validate(errs, cs.get(i), cp, volumes, KINDS.get(list), hostNetwork);
                String name = Tree.text(cs.get(i), "name");
                if (!name.isEmpty() && !names.add(name)) {
                    errs.add(FieldError.duplicate(cp + ".name", name));
                }
            }
        }
        targetContainers(errs, spec, path);
        String restart = Tree.text(spec, "restartPolicy");
        if (restart.isEmpty()) {
            errs.add(FieldError.required(path + ".restartPolicy", ""));
        } else if (!restartPolicies.contains(restart)) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", restart, restartPolicies));
        }
        Checks.supported(errs, spec, "dnsPolicy", path + ".dnsPolicy", DNS_POLICIES);
        if ("None".equals(Tree.text(spec, "dnsPolicy")) && !Tree.isSet(spec, "dnsConfig")) {
            errs.add(FieldError.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));
        }
        if (Tree.isSet(spec, "activeDeadlineSeconds")) {
            long v = spec.get("activeDeadlineSeconds").asLong();
            if (v < 1 || v > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", v, "must be between 1 and 2147483647, inclusive"));
            }
        }
        tolerations(errs, spec, path);
        SysctlValidation.validate(errs, spec, path);
        return errs;
    }

    /** An ephemeral container's targetContainerName must name one of the pod's other containers. */
    private static void targetContainers(List<FieldError> errs, JsonNode spec, String path) {
        Set<String> others = new HashSet<>();
        for (String list : List.of("containers", "initContainers")) {
            Tree.objects(spec, list).forEach(c -> others.add(Tree.text(c, "name")));
        }
        List<ObjectNode> ephemeral = Tree.objects(spec, "ephemeralContainers");
        for (int i = 0; i < ephemeral.size(); i++) {
            String target = Tree.text(ephemeral.get(i), "targetContainerName");
            if (!target.isEmpty() && !others.contains(target)) {
                errs.add(FieldError.notFound(path + ".ephemeralContainers[" + i + "].targetContainerName", target));
            }
        }
    }

    /** Volume names (unique DNS labels, one source each); returns the names for volumeMount checks. */
    private static Set<String> volumes(List<FieldError> errs, JsonNode spec, String path) {
        Set<String> names = new HashSet<>();
        List<ObjectNode> vols = Tree.objects(spec, "volumes");
        for (int i = 0; i < vols.size(); i++) {
            ObjectNode v = vols.get(i);
            String vp = path + ".volumes[" + i + "]";
            String name = Tree.text(v, "name");
            if (name.isEmpty()) {
                errs.add(FieldError.required(vp + ".name", ""));
            } else {
                errs.addAll(Names.check(vp + ".name", name, Names::dns1123Label));
                if (!names.add(name)) {
                    errs.add(FieldError.duplicate(vp + ".name", name));
                }
            }
            Checks.oneVolumeSource(errs, v, VOLUME_NOT_SOURCES, vp);
        }
        return names;
    }

    private static void tolerations(List<FieldError> errs, JsonNode spec, String path) {
        List<ObjectNode> tolerations = Tree.objects(spec, "tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            ObjectNode t = tolerations.get(i);
            String tp = path + ".tolerations[" + i + "]";
            String key = Tree.text(t, "key");
            if (!key.isEmpty()) {
                errs.addAll(Names.check(tp + ".key", key, Names::qualifiedName));
            } else if (!"Exists".equals(Tree.text(t, "operator"))) {
                errs.add(FieldError.invalid(tp + ".operator", Tree.text(t, "operator"),
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            Checks.supported(errs, t, "operator", tp + ".operator", TOLERATION_OPERATORS);
            Checks.supported(errs, t, "effect", tp + ".effect", TAINT_EFFECTS);
            if ("Exists".equals(Tree.text(t, "operator")) && !Tree.text(t, "value").isEmpty()) {
                errs.add(FieldError.invalid(tp + ".operator", Tree.text(t, "value"),
                        "value must be empty when `operator` is 'Exists'"));
            }
            if (Tree.isSet(t, "tolerationSeconds") && !"NoExecute".equals(Tree.text(t, "effect"))) {
                errs.add(FieldError.invalid(tp + ".effect", Tree.text(t, "effect"),
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
        }
    }
}
