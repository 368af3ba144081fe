package io.k8j.apiserver.http;

import java.util.List;

/** The media types the API speaks, and the checks on Content-Type and Accept headers. */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";
    public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    public static final String APPLY_PATCH = "application/apply-patch+yaml";
    public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static final List<String> OBJECT_BODIES = List.of(JSON, YAML, PROTOBUF);
    public static final List<String> PATCH_BODIES = List.of(JSON_PATCH, MERGE_PATCH, APPLY_PATCH, STRATEGIC_MERGE_PATCH);

    private MediaTypes() {
    }

    /** The type without parameters, lower-cased; "" when absent. */
    public static String base(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase();
    }

    /** Whether the Accept header asks for a meta.k8s.io Table (kubectl get). */
    public static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }
}
