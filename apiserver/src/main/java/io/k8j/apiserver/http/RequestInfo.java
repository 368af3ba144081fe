package io.k8j.apiserver.http;

import java.util.List;
import java.util.Set;

/**
 * What a resource URL names, parsed the way kube-apiserver's RequestInfoFactory does:
 * {@code /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}} and {@code /apis/{group}/{version}/...}.
 *
 * @param verb the Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
                          String subresource, String verb) {
    /** Subresources of a namespace itself, as opposed to resources inside it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean isCollection() {
        return name == null;
    }

    /**
     * Parses a resource path; returns null when the path is not under /api/v1 or /apis/{g}/{v} or names
     * no resource (discovery documents are handled elsewhere).
     */
    public static RequestInfo parse(String method, String path, boolean watchParam) {
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        int i;
        String group;
        String version;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            i = 2;
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            i = 3;
        } else {
            return null;
        }
        boolean legacyWatch = parts.get(i).equals("watch");
        if (legacyWatch) {
            i++;
        }
        String namespace = null;
        if (parts.get(i).equals("namespaces") && parts.size() > i + 1) {
            // as kube: a namespace object (and its status, finalize) is "in" itself, for authorization
            namespace = parts.get(i + 1);
            if (parts.size() > i + 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(i + 2))) {
                i += 2;
            }
        }
        if (i >= parts.size()) {
            return null;
        }
        String resource = parts.get(i);
        String name = parts.size() > i + 1 ? parts.get(i + 1) : null;
        String sub = parts.size() > i + 2 ? String.join("/", parts.subList(i + 2, parts.size())) : null;
        return new RequestInfo(group, version, namespace, resource, name, sub,
                verb(method, name == null, watchParam || legacyWatch));
    }

    private static String verb(String method, boolean collection, boolean watch) {
        return switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : collection ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> method.toLowerCase();
        };
    }
}
