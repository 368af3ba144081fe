package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.util.List;

/** JobSpec rules shared by Jobs and by CronJobs' jobTemplate (the common subset of kube's validateJobSpec). */
final class JobSpecs {
    static final List<String> RESTART_POLICIES = List.of("OnFailure", "Never");
    private static final List<String> COMPLETION_MODES = List.of("Indexed", "NonIndexed");
    private static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");

    private JobSpecs() {
    }

    /** Validates a JobSpec at {@code path} ("spec" or "spec.jobTemplate.spec"). */
    static void validate(List<FieldError> errs, JsonNode spec, String path) {
        Checks.nonNegative(errs, spec, "parallelism", path + ".parallelism");
        Checks.nonNegative(errs, spec, "completions", path + ".completions");
        Checks.positive(errs, spec, "activeDeadlineSeconds", path + ".activeDeadlineSeconds");
        Checks.nonNegative(errs, spec, "backoffLimit", path + ".backoffLimit");
        Checks.nonNegative(errs, spec, "ttlSecondsAfterFinished", path + ".ttlSecondsAfterFinished");
        Checks.supported(errs, spec, "completionMode", path + ".completionMode", COMPLETION_MODES);
        if ("Indexed".equals(Tree.text(spec, "completionMode")) && !Tree.isSet(spec, "completions")) {
            errs.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
        }
        Checks.supported(errs, spec, "podReplacementPolicy", path + ".podReplacementPolicy", REPLACEMENT_POLICIES);
        JsonNode selector = Tree.objOrNull(spec, "selector");
        JsonNode template = Tree.objOrNull(spec, "template");
        if (selector != null) {
            LabelSelectors.validate(errs, selector, path + ".selector");
            if (template != null && !LabelSelectors.matches(selector, PodTemplates.labels(template))) {
                errs.add(FieldError.invalid(path + ".template.metadata.labels", PodTemplates.labels(template),
                        "`selector` does not match template `labels`"));
            }
        }
        errs.addAll(PodTemplates.validate(template, path + ".template", RESTART_POLICIES));
    }
}
