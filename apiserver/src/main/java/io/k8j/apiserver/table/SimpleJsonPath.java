package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "simple" JSONPath of additionalPrinterColumns: {@code .a.b}, {@code [N]}, {@code [*]} and
 * {@code [?(@.field=="value")]}. Like kube's printer it uses the first value found.
 */
final class SimpleJsonPath {
    private static final Pattern STEP = Pattern.compile(
            "\\.([^.\\[]+)|\\[(\\d+)]|\\[\\*]|\\[\\?\\(@\\.([^=!]+)==[\"']([^\"']*)[\"']\\)]");

    private SimpleJsonPath() {
    }

    /** The first value {@code path} selects in {@code root}, or null. */
    static JsonNode first(JsonNode root, String path) {
        List<JsonNode> current = List.of(root);
        Matcher m = STEP.matcher(path.trim());
        int at = 0;
        while (at < path.trim().length()) {
            if (!m.find(at) || m.start() != at) {
                return null; // a path kube would refuse when the CRD is validated
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                step(node, m, next);
            }
            current = next;
            at = m.end();
        }
        return current.isEmpty() || current.getFirst().isMissingNode() ? null : current.getFirst();
    }

    private static void step(JsonNode node, Matcher m, List<JsonNode> out) {
        if (m.group(1) != null) {
            JsonNode v = node.get(m.group(1));
            if (v != null) {
                out.add(v);
            }
        } else if (m.group(2) != null) {
            JsonNode v = node.get(Integer.parseInt(m.group(2)));
            if (v != null) {
                out.add(v);
            }
        } else if (m.group(3) != null) {
            for (JsonNode item : node) {
                if (item.path(m.group(3)).asText().equals(m.group(4)) && item.has(m.group(3))) {
                    out.add(item);
                }
            }
        } else {
            node.forEach(out::add);
        }
    }
}
