package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Field checks shared by the strategies, each worded as kube words it. */
final class Checks {
    static final String IMMUTABLE = "field is immutable";

    private Checks() {
    }

    static void nonNegative(List<FieldError> errs, JsonNode parent, String field, String path) {
        if (Tree.isSet(parent, field) && parent.get(field).asLong() < 0) {
            errs.add(FieldError.invalid(path, parent.get(field).asLong(), "must be greater than or equal to 0"));
        }
    }

    static void positive(List<FieldError> errs, JsonNode parent, String field, String path) {
        if (Tree.isSet(parent, field) && parent.get(field).asLong() <= 0) {
            errs.add(FieldError.invalid(path, parent.get(field).asLong(), "must be greater than 0"));
        }
    }

    /** An enum-like string field: unset is allowed here (defaulting or {@link #required} covers it). */
    static void supported(List<FieldError> errs, JsonNode parent, String field, String path, List<String> values) {
        String v = Tree.text(parent, field);
        if (!v.isEmpty() && !values.contains(v)) {
            errs.add(FieldError.notSupported(path, v, values));
        }
    }

    static void required(List<FieldError> errs, JsonNode parent, String field, String path) {
        if (Tree.isEmpty(parent, field)) {
            errs.add(FieldError.required(path, ""));
        }
    }

    static boolean validPort(long port) {
        return port >= 1 && port <= 65535;
    }

    static FieldError badPort(String path, long port) {
        return FieldError.invalid(path, port, "must be between 1 and 65535, inclusive");
    }

    /** An IntOrString that must be a non-negative int or a percentage such as "25%". */
    static void intOrPercent(List<FieldError> errs, JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (v.isTextual() && !v.asText().matches("[0-9]+%")) {
            errs.add(FieldError.invalid(path, v.asText(), Names.regexError(
                    "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")));
        } else if (v.isNumber() && v.asLong() < 0) {
            errs.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
        }
    }

    /** A Deployment's or DaemonSet's rollingUpdate: maxUnavailable and maxSurge int-or-percent, not both 0. */
    static void surgeAndUnavailable(List<FieldError> errs, JsonNode rolling, String path) {
        intOrPercent(errs, rolling, "maxUnavailable", path + ".maxUnavailable");
        intOrPercent(errs, rolling, "maxSurge", path + ".maxSurge");
        if (isZero(rolling, "maxUnavailable") && isZero(rolling, "maxSurge")) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", rolling.get("maxUnavailable"),
                    "may not be 0 when `maxSurge` is 0"));
        }
    }

    /**
     * A volume source (a pod's volume, a PersistentVolume's spec at {@code path}): exactly one of the set
     * fields of {@code volume} that are not in {@code notSources}.
     */
    static void oneVolumeSource(List<FieldError> errs, JsonNode volume, Set<String> notSources, String path) {
        List<String> sources = new ArrayList<>();
        volume.fieldNames().forEachRemaining(f -> {
            if (!notSources.contains(f) && Tree.isSet(volume, f)) {
                sources.add(f);
            }
        });
        if (sources.isEmpty()) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        } else if (sources.size() > 1) {
            errs.add(FieldError.forbidden(path + "." + sources.get(1), "may not specify more than 1 volume type"));
        }
    }

    /** True for an IntOrString of 0 or "0%". */
    static boolean isZero(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v != null && (v.isNumber() && v.asLong() == 0 || v.isTextual() && v.asText().equals("0%"));
    }

    /** Rejects any change of {@code field} between the stored and the new object. */
    static void immutable(List<FieldError> errs, JsonNode neu, JsonNode old, String field, String path) {
        JsonNode a = value(neu, field);
        if (!Tree.same(a, value(old, field))) {
            errs.add(FieldError.invalid(path, a, IMMUTABLE));
        }
    }

    private static JsonNode value(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null ? NullNode.getInstance() : n;
    }
}
