package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A metav1.LabelSelector in the string form kube prints: "app=web,tier in (a,b),!legacy". */
final class LabelSelectors {
    private LabelSelectors() {
    }

    /** The selector string, "" for a missing or empty selector (which selects nothing or everything). */
    static String format(JsonNode selector) {
        List<Map.Entry<String, String>> requirements = new ArrayList<>();
        selector.path("matchLabels").properties()
                .forEach(e -> requirements.add(Map.entry(e.getKey(), e.getKey() + "=" + e.getValue().asText())));
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText("");
            requirements.add(Map.entry(key, expression(key, expr)));
        }
        // Kube sorts requirements by key; a stable sort keeps matchLabels before expressions on a tie.
        requirements.sort(Comparator.comparing(Map.Entry::getKey));
        return String.join(",", requirements.stream().map(Map.Entry::getValue).toList());
    }

    /** As metav1.FormatLabelSelector: "<none>" instead of "". */
    static String formatOrNone(JsonNode selector) {
        return Fields.orNone(format(selector));
    }

    private static String expression(String key, JsonNode expr) {
        TreeSet<String> values = new TreeSet<>(Fields.strings(expr.path("values")));
        return switch (expr.path("operator").asText("")) {
            case "In" -> key + " in (" + String.join(",", values) + ")";
            case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
            case "Exists" -> key;
            case "DoesNotExist" -> "!" + key;
            default -> "<error>";
        };
    }
}
