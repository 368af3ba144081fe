package io.k8j.client;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;

/** Evaluates a metav1 LabelSelector against labels, as client-go's LabelSelectorAsSelector does. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one matches everything (kube's convention for workloads). */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return exprs.stream().allMatch(r -> matches(r, have));
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
