package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.List;
import java.util.Map;

/** metav1.LabelSelector (matchLabels + matchExpressions) and plain label maps: validation and matching. */
public final class LabelSelectors {
    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectors() {
    }

    static boolean isEmpty(JsonNode selector) {
        return selector == null || Tree.isEmpty(selector, "matchLabels") && Tree.isEmpty(selector, "matchExpressions");
    }

    /** Validates a LabelSelector at {@code path}. */
    static void validate(List<FieldError> errs, JsonNode selector, String path) {
        if (selector == null) {
            return;
        }
        validateLabels(errs, Tree.objOrNull(selector, "matchLabels"), path + ".matchLabels");
        List<ObjectNode> exprs = Tree.objects(selector, "matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            ObjectNode e = exprs.get(i);
            String p = path + ".matchExpressions[" + i + "]";
            String op = Tree.text(e, "operator");
            int values = e.path("values").size();
            if (!OPERATORS.contains(op)) {
                errs.add(FieldError.notSupported(p + ".operator", op, OPERATORS));
            } else if ((op.equals("In") || op.equals("NotIn")) && values == 0) {
                errs.add(FieldError.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
            } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && values > 0) {
                errs.add(FieldError.forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
            errs.addAll(Names.check(p + ".key", Tree.text(e, "key"), Names::qualifiedName));
        }
    }

    /** Validates a map of label keys to values (selectors, template labels). */
    static void validateLabels(List<FieldError> errs, JsonNode labels, String path) {
        if (labels == null) {
            return;
        }
        // kube reports a bad key on the map and a bad value on its entry
        labels.properties().forEach(en -> {
            errs.addAll(Names.check(path, en.getKey(), Names::qualifiedName));
            errs.addAll(Names.check(path + "[" + en.getKey() + "]", en.getValue().asText(), Names::labelValue));
        });
    }

    /** Whether {@code labels} (a JSON object of strings, possibly null) satisfy the selector. */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        Map<String, String> have = labels == null ? Map.of() : asMap(labels);
        ObjectNode want = Tree.objOrNull(selector, "matchLabels");
        if (want != null && !asMap(want).entrySet().stream()
                .allMatch(en -> en.getValue().equals(have.get(en.getKey())))) {
            return false;
        }
        for (ObjectNode e : Tree.objects(selector, "matchExpressions")) {
            String key = Tree.text(e, "key");
            List<String> values = Tree.texts(e, "values");
            boolean ok = switch (Tree.text(e, "operator")) {
                case "In" -> have.containsKey(key) && values.contains(have.get(key));
                case "NotIn" -> !have.containsKey(key) || !values.contains(have.get(key));
                case "Exists" -> have.containsKey(key);
                case "DoesNotExist" -> !have.containsKey(key);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> asMap(JsonNode obj) {
        Map<String, String> m = new java.util.HashMap<>();
        obj.properties().forEach(en -> m.put(en.getKey(), en.getValue().asText()));
        return m;
    }
}
