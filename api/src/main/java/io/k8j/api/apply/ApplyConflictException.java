package io.k8j.api.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An apply that would change fields other managers own. Carries what kube-apiserver's 409 carries: the
 * message and one FieldManagerConflict cause per field.
 */
public class ApplyConflictException extends RuntimeException {

    /**
     * One conflicting field.
     *
     * @param manager "\"kubectl-client-side-apply\" using apps/v1", the manager as kube prints it
     * @param field   ".spec.replicas"
     */
    public record Conflict(String manager, String field) {
        public String message() {
            return "conflict with " + manager;
        }
    }

    private final List<Conflict> conflicts;

    public ApplyConflictException(List<Conflict> conflicts) {
        super(message(conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** details.causes of the Status. */
    public ArrayNode causes() {
        ArrayNode causes = Json.MAPPER.createArrayNode();
        conflicts.forEach(c -> causes.addObject()
                .put("reason", "FieldManagerConflict").put("message", c.message()).put("field", c.field()));
        return causes;
    }

    /** The 409 Conflict Status kube-apiserver answers with. */
    public ApiException toApiException() {
        ObjectNode details = Json.object();
        details.set("causes", causes());
        return new ApiException(409, "Conflict", getMessage(), details);
    }

    /** How kube prints a manager in conflicts: Update entries name their apiVersion. */
    static String describe(ManagerEntry e) {
        String s = '"' + e.manager() + '"';
        if (e.subresource() != null) {
            s += " with subresource \"" + e.subresource() + '"';
        }
        return e.operation().equals(ManagerEntry.UPDATE) ? s + " using " + e.apiVersion() : s;
    }

    private static String message(List<Conflict> conflicts) {
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            return "Apply failed with 1 conflict: " + c.message() + ": " + c.field();
        }
        Map<String, List<String>> byManager = new LinkedHashMap<>();
        conflicts.stream().sorted(Comparator.comparing(Conflict::manager))
                .forEach(c -> byManager.computeIfAbsent(c.manager(), m -> new ArrayList<>()).add(c.field()));
        List<String> lines = new ArrayList<>();
        byManager.forEach((manager, fields) -> {
            lines.add("conflicts with " + manager + ":");
            fields.forEach(f -> lines.add("- " + f));
        });
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
}
