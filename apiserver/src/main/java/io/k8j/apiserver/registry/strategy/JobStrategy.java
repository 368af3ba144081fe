package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * batch/v1 Jobs. Unless the user opts into {@code manualSelector}, kube generates the selector from the
 * Job's uid and labels the template to match (both the legacy and the batch.kubernetes.io/ labels), which is
 * why the store sets metadata.uid before prepareForCreate.
 */
final class JobStrategy implements ResourceStrategy {
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    private static final List<String> IMMUTABLE = List.of("selector", "template", "completionMode", "podFailurePolicy",
            "backoffLimitPerIndex");

    @Override
    public void prepareForCreate(ObjectNode job, StrategyContext ctx) {
        ObjectNode spec = applyDefaults(job);
        if (!Tree.isTrue(spec, "manualSelector")) {
            ObjectNode metadata = Tree.obj(job, "metadata");
            ObjectNode labels = Tree.obj(Tree.obj(Tree.obj(spec, "template"), "metadata"), "labels");
            for (String key : List.of("job-name", "batch.kubernetes.io/job-name")) {
                Tree.defaultText(labels, key, Tree.text(metadata, "name"));
            }
            for (String key : List.of("controller-uid", CONTROLLER_UID)) {
                Tree.defaultText(labels, key, Tree.text(metadata, "uid"));
            }
            Tree.defaultText(Tree.obj(Tree.obj(spec, "selector"), "matchLabels"), CONTROLLER_UID, Tree.text(metadata, "uid"));
        }
        labelsFromTemplate(job);
    }

    @Override
    public void prepareForUpdate(ObjectNode job, ObjectNode old, StrategyContext ctx) {
        applyDefaults(job);
        labelsFromTemplate(job);
    }

    /** SetDefaults_Job, and the template's PodSpec defaults. */
    private static ObjectNode applyDefaults(ObjectNode job) {
        ObjectNode spec = Tree.obj(job, "spec");
        if (!Tree.isSet(spec, "completions") && !Tree.isSet(spec, "parallelism")) {
            spec.put("completions", 1);
        }
        Tree.defaultNumber(spec, "parallelism", 1);
        Tree.defaultNumber(spec, "backoffLimit", Tree.isSet(spec, "backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
        Tree.defaultText(spec, "completionMode", "NonIndexed");
        Tree.defaultBool(spec, "suspend", false);
        Tree.defaultText(spec, "podReplacementPolicy", Tree.isSet(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
        Tree.defaultBool(spec, "manualSelector", false);
        PodTemplates.applyDefaults(Tree.objOrNull(spec, "template"));
        return spec;
    }

    /** A Job without labels of its own carries its template's (as kube's decoding shows them). */
    private static void labelsFromTemplate(ObjectNode job) {
        JsonNode templateLabels = PodTemplates.labels(Tree.objOrNull(job.path("spec"), "template"));
        ObjectNode metadata = Tree.obj(job, "metadata");
        if (templateLabels != null && !templateLabels.isEmpty() && Tree.isEmpty(metadata, "labels")) {
            metadata.set("labels", templateLabels.deepCopy());
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode job) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = job.path("spec");
        JsonNode selector = Tree.objOrNull(spec, "selector");
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else if (!Tree.isTrue(spec, "manualSelector")) {
            String uid = Tree.text(job.path("metadata"), "uid");
            if (!Tree.isEmpty(selector, "matchExpressions") || selector.path("matchLabels").size() != 1
                    || !uid.equals(Tree.text(selector.path("matchLabels"), CONTROLLER_UID))) {
                errs.add(FieldError.invalid("spec.selector", selector, "`selector` not auto-generated"));
            }
        }
        JobSpecs.validate(errs, spec, "spec");
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode job, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(job));
        JsonNode spec = job.path("spec");
        JsonNode oldSpec = old.path("spec");
        IMMUTABLE.forEach(f -> Checks.immutable(errs, spec, oldSpec, f, "spec." + f));
        // Indexed Jobs may scale, as long as completions and parallelism move together.
        boolean elastic = "Indexed".equals(Tree.text(spec, "completionMode"))
                && Tree.same(spec.get("completions"), spec.get("parallelism"));
        if (!elastic) {
            Checks.immutable(errs, spec, oldSpec, "completions", "spec.completions");
        }
        return errs;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode job) {
        return Map.of("status.successful", String.valueOf(job.path("status").path("succeeded").asInt(0)));
    }
}
