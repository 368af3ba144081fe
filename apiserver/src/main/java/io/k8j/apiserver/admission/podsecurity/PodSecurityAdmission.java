package io.k8j.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.admission.podsecurity.NamespacePolicy.Standard;
import io.k8j.apiserver.registry.Admission;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * kube's PodSecurity admission: pods in a namespace labelled {@code enforce} are refused when they break its
 * level; {@code warn} (and, for kinds with pod templates, {@code enforce} too) answers with warnings; label
 * values are validated on namespaces, and tightening {@code enforce} warns about the pods already there.
 * The audit mode's label is validated and otherwise unused: audit events carry no PodSecurity annotations.
 */
public final class PodSecurityAdmission implements Admission {
    private final Function<String, JsonNode> namespaceLabels;
    private final Function<String, List<ObjectNode>> podsIn;

    /**
     * @param namespaceLabels a namespace's labels (an empty object when it has none or is unknown)
     * @param podsIn the pods a namespace holds
     */
    public PodSecurityAdmission(Function<String, JsonNode> namespaceLabels, Function<String, List<ObjectNode>> podsIn) {
        this.namespaceLabels = namespaceLabels;
        this.podsIn = podsIn;
    }

    @Override
    public void admit(AdmissionRequest request) {
        ResourceType type = request.type();
        boolean core = type.group().isEmpty();
        if (core && type.plural().equals("pods")) {
            admitPod(request);
        } else if (core && type.plural().equals("namespaces")) {
            admitNamespace(request);
        } else if (request.subresource() == null) {
            PodTemplates.podSpec(type, request.obj()).filter(spec -> request.isCreate()
                            || changed(spec, PodTemplates.podSpec(type, request.old()).orElse(null)))
                    .ifPresent(spec -> warnTemplate(request, spec));
        }
    }

    private void admitPod(AdmissionRequest request) {
        String sub = request.subresource();
        if (sub != null && !sub.equals("ephemeralcontainers")
                || !request.isCreate() && sub == null && !changed(request.obj().path("spec"), request.old().path("spec"))) {
            return;
        }
        NamespacePolicy policy = NamespacePolicy.of(namespaceLabels.apply(Meta.namespace(request.obj())));
        PodSpec spec = podSpec(request.obj().path("spec"));
        policy.enforce().ifPresent(enforce -> {
            List<Violation> violations = PodSecurityStandard.evaluate(enforce.level(), spec);
            if (!violations.isEmpty()) {
                throw ApiException.forbidden("pods \"" + Meta.name(request.obj()) + "\" is forbidden: violates PodSecurity \""
                        + enforce + "\": " + join(violations));
            }
        });
        policy.warn().filter(warn -> !policy.enforce().equals(Optional.of(warn)))
                .ifPresent(warn -> warnIfViolated(request, warn, spec));
    }

    /** As kube, an update is checked again only when it changes a pod spec in more than its images. */
    private static boolean changed(JsonNode spec, JsonNode oldSpec) {
        return oldSpec == null || !withoutImages(spec).equals(withoutImages(oldSpec));
    }

    private static JsonNode withoutImages(JsonNode spec) {
        ObjectNode copy = spec.deepCopy();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            copy.path(list).forEach(c -> ((ObjectNode) c).remove("image"));
        }
        return copy;
    }

    private void warnTemplate(AdmissionRequest request, JsonNode template) {
        String namespace = Meta.namespace(request.obj());
        if (namespace == null) {
            return;
        }
        NamespacePolicy policy = NamespacePolicy.of(namespaceLabels.apply(namespace));
        PodSpec spec = podSpec(template);
        Set<Standard> standards = new LinkedHashSet<>();
        policy.enforce().ifPresent(standards::add);
        policy.warn().ifPresent(standards::add);
        standards.forEach(standard -> warnIfViolated(request, standard, spec));
    }

    private static void warnIfViolated(AdmissionRequest request, Standard standard, PodSpec spec) {
        List<Violation> violations = PodSecurityStandard.evaluate(standard.level(), spec);
        if (!violations.isEmpty()) {
            request.warn("would violate PodSecurity \"" + standard + "\": " + join(violations));
        }
    }

    private void admitNamespace(AdmissionRequest request) {
        if (request.subresource() != null) {
            return;
        }
        JsonNode labels = request.obj().path("metadata").path("labels");
        List<FieldError> errors = NamespacePolicy.validate(labels);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(request.type(), Meta.name(request.obj()), errors);
        }
        if (request.isCreate()) {
            return;
        }
        Optional<Standard> enforce = NamespacePolicy.of(labels).enforce();
        Optional<Standard> before = NamespacePolicy.of(request.old().path("metadata").path("labels")).enforce();
        if (enforce.isPresent() && !enforce.equals(before)) {
            warnExistingPods(request, Meta.name(request.obj()), enforce.get());
        }
    }

    /** kube's warnings on a new enforce level: one line, then the violating pods grouped by what they break. */
    private void warnExistingPods(AdmissionRequest request, String namespace, Standard enforce) {
        List<String> groups = new ArrayList<>();
        List<List<String>> podsOfGroup = new ArrayList<>();
        for (ObjectNode pod : podsIn.apply(namespace)) {
            List<Violation> violations = PodSecurityStandard.evaluate(enforce.level(), podSpec(pod.path("spec")));
            if (violations.isEmpty()) {
                continue;
            }
            String reasons = violations.stream().map(Violation::reason).collect(Collectors.joining(", "));
            int group = groups.indexOf(reasons);
            if (group < 0) {
                groups.add(reasons);
                podsOfGroup.add(new ArrayList<>());
                group = groups.size() - 1;
            }
            podsOfGroup.get(group).add(Meta.name(pod));
        }
        if (groups.isEmpty()) {
            return;
        }
        request.warn("existing pods in namespace \"" + namespace + "\" violate the new PodSecurity enforce level \""
                + enforce + "\"");
        for (int i = 0; i < groups.size(); i++) {
            List<String> pods = podsOfGroup.get(i);
            String others = pods.size() == 1 ? "" : " (and " + (pods.size() - 1) + " other "
                    + Phrases.pluralize("pod", "pods", pods.size() - 1) + ")";
            request.warn(pods.get(0) + others + ": " + groups.get(i));
        }
    }

    private static PodSpec podSpec(JsonNode spec) {
        return Json.MAPPER.convertValue(spec, PodSpec.class);
    }

    private static String join(List<Violation> violations) {
        return violations.stream().map(Objects::toString).collect(Collectors.joining(", "));
    }
}
