package io.k8j.client;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;

import java.util.List;
import java.util.Map;

/** Node selector term matching (kube's nodeaffinity.NodeSelector), pure; the scheduler and the DaemonSet controller decide by it. */
public final class NodeSelectors {
    private NodeSelectors() {
    }

    /** Terms are ORed; an empty list matches nothing. */
    public static boolean matchesAny(List<NodeSelectorTerm> terms, Node node) {
        return terms != null && terms.stream().anyMatch(t -> matches(t, node));
    }

    /** Requirements within a term are ANDed; a term with none matches nothing. */
    public static boolean matches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> exprs = orEmpty(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
        if (exprs.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> nodeFields = Map.of("metadata.name", node.getMetadata().getName());
        return exprs.stream().allMatch(r -> matches(r, labels)) && fields.stream().allMatch(r -> matches(r, nodeFields));
    }

    public static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = orEmpty(r.getValues());
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> value != null && values.size() == 1 && compare(value, values.get(0), r.getOperator());
            default -> false;
        };
    }

    private static boolean compare(String label, String bound, String op) {
        try {
            long l = Long.parseLong(label);
            long b = Long.parseLong(bound);
            return op.equals("Gt") ? l > b : l < b;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
