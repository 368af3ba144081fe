package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 Mutating- and ValidatingWebhookConfigurations (pkg/apis/admissionregistration):
 * v1's defaults and kube's validation of each webhook; the rules are in {@link WebhookRules}.
 */
final class WebhookConfigurationStrategy implements ResourceStrategy {
    private static final List<String> FAILURE_POLICIES = List.of("Ignore", "Fail");
    private static final List<String> MATCH_POLICIES = List.of("Exact", "Equivalent");
    private static final List<String> SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    private static final List<String> REINVOCATION = List.of("Never", "IfNeeded");
    private static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");

    private final boolean mutating;

    WebhookConfigurationStrategy(boolean mutating) {
        this.mutating = mutating;
    }

    @Override
    public void prepareForCreate(ObjectNode config, StrategyContext ctx) {
        for (ObjectNode hook : Tree.objects(config, "webhooks")) {
            Tree.defaultText(hook, "failurePolicy", "Fail");
            Tree.defaultText(hook, "matchPolicy", "Equivalent");
            Tree.obj(hook, "namespaceSelector");
            Tree.obj(hook, "objectSelector");
            Tree.defaultNumber(hook, "timeoutSeconds", 10);
            if (mutating) {
                Tree.defaultText(hook, "reinvocationPolicy", "Never");
            }
            for (ObjectNode rule : Tree.objects(hook, "rules")) {
                Tree.defaultText(rule, "scope", "*");
            }
            ObjectNode service = Tree.objOrNull(hook.path("clientConfig"), "service");
            if (service != null) {
                Tree.defaultNumber(service, "port", 443);
            }
        }
    }

    @Override
    public void prepareForUpdate(ObjectNode config, ObjectNode old, StrategyContext ctx) {
        prepareForCreate(config, ctx);
    }

    @Override
    public List<FieldError> validate(ObjectNode config) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ObjectNode> hooks = Tree.objects(config, "webhooks");
        for (int i = 0; i < hooks.size(); i++) {
            ObjectNode hook = hooks.get(i);
            String path = "webhooks[" + i + "]";
            String name = Tree.text(hook, "name");
            validateName(errs, name, path + ".name");
            if (!name.isEmpty() && !names.add(name)) {
                errs.add(FieldError.duplicate(path + ".name", name));
            }
            validateHook(errs, hook, path);
        }
        return errs;
    }

    private void validateHook(List<FieldError> errs, ObjectNode hook, String path) {
        List<ObjectNode> rules = Tree.objects(hook, "rules");
        for (int r = 0; r < rules.size(); r++) {
            WebhookRules.validate(errs, rules.get(r), path + ".rules[" + r + "]");
        }
        Checks.supported(errs, hook, "failurePolicy", path + ".failurePolicy", FAILURE_POLICIES);
        Checks.supported(errs, hook, "matchPolicy", path + ".matchPolicy", MATCH_POLICIES);
        if (Tree.text(hook, "sideEffects").isEmpty()) {
            errs.add(FieldError.required(path + ".sideEffects", "must specify one of None, NoneOnDryRun"));
        } else {
            Checks.supported(errs, hook, "sideEffects", path + ".sideEffects", SIDE_EFFECTS);
        }
        if (mutating) {
            Checks.supported(errs, hook, "reinvocationPolicy", path + ".reinvocationPolicy", REINVOCATION);
        }
        long timeout = hook.path("timeoutSeconds").asLong(10);
        if (timeout < 1 || timeout > 30) {
            errs.add(FieldError.invalid(path + ".timeoutSeconds", timeout,
                    "the timeout value must be between 1 and 30 seconds"));
        }
        validateReviewVersions(errs, hook, path + ".admissionReviewVersions");
        LabelSelectors.validate(errs, hook.get("namespaceSelector"), path + ".namespaceSelector");
        LabelSelectors.validate(errs, hook.get("objectSelector"), path + ".objectSelector");
        WebhookClientConfigs.validate(errs, hook.path("clientConfig"), path + ".clientConfig");
    }

    /** A fully qualified name: a DNS subdomain of at least three segments. */
    private static void validateName(List<FieldError> errs, String name, String path) {
        if (name.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        List<String> problems = Names.dns1123Subdomain(name);
        if (!problems.isEmpty()) {
            problems.forEach(p -> errs.add(FieldError.invalid(path, name, p)));
        } else if (name.split("\\.").length < 3) {
            errs.add(FieldError.invalid(path, name, "should be a domain with at least three segments separated by dots"));
        }
    }

    private static void validateReviewVersions(List<FieldError> errs, ObjectNode hook, String path) {
        List<String> versions = Tree.texts(hook, "admissionReviewVersions");
        if (versions.isEmpty()) {
            errs.add(FieldError.required(path, "must specify one of v1, v1beta1"));
        } else if (versions.stream().noneMatch(REVIEW_VERSIONS::contains)) {
            errs.add(FieldError.invalid(path, hook.get("admissionReviewVersions"), "must include at least one of v1, v1beta1"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            if (!seen.add(versions.get(i))) {
                errs.add(FieldError.invalid(path + "[" + i + "]", versions.get(i), "duplicate version"));
            }
        }
    }
}
