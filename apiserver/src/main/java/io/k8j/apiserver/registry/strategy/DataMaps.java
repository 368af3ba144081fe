package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;

import java.util.Base64;
import java.util.List;

/** The key/value maps of Secrets and ConfigMaps: key syntax, base64 values, the size cap, `immutable`. */
final class DataMaps {
    /** Secrets and ConfigMaps are capped at 1 MiB, as etcd values are. */
    static final int MAX_SIZE = 1024 * 1024;
    private static final String IMMUTABLE = "field is immutable when `immutable` is set";

    private DataMaps() {
    }

    /**
     * Base64 values ([]byte fields) are checked while decoding in kube, so a bad one is a 400 rather than a
     * 422; Go's decoder is strict about padding and skips only line breaks.
     */
    static void requireBase64(JsonNode map, String kind) {
        if (map == null) {
            return;
        }
        map.properties().forEach(e -> {
            String v = e.getValue().asText().replace("\r", "").replace("\n", "");
            int bad = firstBadBase64Byte(v);
            if (bad >= 0) {
                throw ApiException.badRequest(kind + " in version \"v1\" cannot be handled as a " + kind
                        + ": illegal base64 data at input byte " + bad);
            }
        });
    }

    private static int firstBadBase64Byte(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean padding = c == '=' && i >= v.length() - 2;
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || padding)) {
                return i;
            }
        }
        if (v.length() % 4 != 0) {
            return v.length() - v.length() % 4;
        }
        try {
            Base64.getDecoder().decode(v);
            return -1;
        } catch (IllegalArgumentException e) {
            return Math.max(0, v.length() - 4);
        }
    }

    static int decodedSize(JsonNode map) {
        int size = 0;
        for (JsonNode v : iterable(map)) {
            size += Base64.getMimeDecoder().decode(v.asText()).length;
        }
        return size;
    }

    static int textSize(JsonNode map) {
        int size = 0;
        for (JsonNode v : iterable(map)) {
            size += v.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** Every key must be a valid config key (it becomes a file name when mounted). */
    static void validateKeys(List<FieldError> errs, JsonNode map, String path) {
        if (map != null) {
            map.fieldNames().forEachRemaining(k -> errs.addAll(Names.check(path + "[" + k + "]", k, Names::configKey)));
        }
    }

    /** Once `immutable` is true, neither it nor the named maps may change. */
    static void immutable(List<FieldError> errs, JsonNode obj, JsonNode old, List<String> maps) {
        if (!Tree.isTrue(old, "immutable")) {
            return;
        }
        if (!Tree.isTrue(obj, "immutable")) {
            errs.add(FieldError.forbidden("immutable", IMMUTABLE));
        }
        for (String m : maps) {
            if (!Tree.same(nonEmpty(obj.get(m)), nonEmpty(old.get(m)))) {
                errs.add(FieldError.forbidden(m, IMMUTABLE));
            }
        }
    }

    private static JsonNode nonEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isEmpty() ? null : n;
    }

    private static Iterable<JsonNode> iterable(JsonNode map) {
        return map == null ? List.of() : map;
    }
}
