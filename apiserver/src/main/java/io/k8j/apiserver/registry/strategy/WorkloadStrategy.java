package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the apps/v1 controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet) share: a pod template that
 * restarts Always, a required selector that matches the template's labels and that apps/v1 never lets change,
 * and a generation that counts spec changes. Subclasses add their own spec defaults and rules.
 */
abstract class WorkloadStrategy implements ResourceStrategy {
    private final String kind;

    /** @param kind lower-case kind as kube's messages name it, e.g. "deployment" */
    WorkloadStrategy(String kind) {
        this.kind = kind;
    }

    /** Defaults of the kind's own spec fields; the template is defaulted by the base. */
    abstract void defaultSpec(ObjectNode spec);

    /** Rules of the kind's own spec fields. */
    abstract void validateSpec(List<FieldError> errs, JsonNode spec);

    /** Volumes the controller adds to each pod of the template, which its containers may mount. */
    Set<String> podVolumes(JsonNode spec) {
        return Set.of();
    }

    /** Update rules of the spec: apps/v1 fixes the selector at creation. */
    void validateSpecUpdate(List<FieldError> errs, JsonNode spec, JsonNode oldSpec) {
        Checks.immutable(errs, spec, oldSpec, "selector", "spec.selector");
    }

    @Override
    public void prepareForCreate(ObjectNode obj, StrategyContext ctx) {
        applyDefaults(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, StrategyContext ctx) {
        applyDefaults(obj);
    }

    private void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Tree.obj(obj, "spec");
        defaultSpec(spec);
        PodTemplates.applyDefaults(Tree.objOrNull(spec, "template"));
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        JsonNode selector = Tree.objOrNull(spec, "selector");
        JsonNode template = Tree.objOrNull(spec, "template");
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else if (LabelSelectors.isEmpty(selector)) {
            errs.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for " + kind));
        } else {
            LabelSelectors.validate(errs, selector, "spec.selector");
            if (template != null && !LabelSelectors.matches(selector, PodTemplates.labels(template))) {
                errs.add(FieldError.invalid("spec.template.metadata.labels", PodTemplates.labels(template),
                        "`selector` does not match template `labels`"));
            }
        }
        Checks.nonNegative(errs, spec, "replicas", "spec.replicas");
        Checks.nonNegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
        Checks.nonNegative(errs, spec, "revisionHistoryLimit", "spec.revisionHistoryLimit");
        errs.addAll(PodTemplates.validate(template, "spec.template", List.of("Always"), podVolumes(spec)));
        validateSpec(errs, spec);
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        validateSpecUpdate(errs, obj.path("spec"), old.path("spec"));
        return errs;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }
}
