package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code spec} and {@code status} are value structs in the Go types, so kube-apiserver always returns
 * them, as {@code {}} when empty; clients rely on that (a Node without spec would have no taints list).
 */
final class ValueStructs {
    private final List<String> fields;

    private ValueStructs(List<String> fields) {
        this.fields = fields;
    }

    static ValueStructs of(Class<?> modelClass) {
        return new ValueStructs(List.of("spec", "status").stream().filter(f -> hasGetter(modelClass, f)).toList());
    }

    void fill(ObjectNode obj) {
        for (String f : fields) {
            if (!obj.hasNonNull(f)) {
                obj.putObject(f);
            }
        }
    }

    private static boolean hasGetter(Class<?> type, String field) {
        try {
            type.getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
