package io.k8j.kubelet.server;

/**
 * What a node server request asks for in RBAC's terms, as kube's kubelet maps it: resource nodes, named after
 * this node, subresource by path (/stats, /metrics, /logs, /spec; everything else, exec and logs included, is
 * proxy) and verb by HTTP method; a WebSocket or SPDY upgrade (exec, attach, port-forward) is create.
 */
record NodeRequestAttributes(String verb, String subresource) {

    static NodeRequestAttributes of(String method, String path, boolean upgrade) {
        return new NodeRequestAttributes(upgrade ? "create" : verb(method), subresource(path));
    }

    private static String verb(String method) {
        return switch (method) {
            case "POST" -> "create";
            case "GET", "HEAD" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "";
        };
    }

    private static String subresource(String path) {
        if (isSubpath(path, "/stats")) {
            return "stats";
        }
        if (isSubpath(path, "/metrics")) {
            return "metrics";
        }
        if (isSubpath(path, "/logs")) {
            return "log";
        }
        if (isSubpath(path, "/spec")) {
            return "spec";
        }
        return "proxy";
    }

    private static boolean isSubpath(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** The body of kube's kubelet 403. */
    String forbidden(String user) {
        return "Forbidden (user=" + user + ", verb=" + verb + ", resource=nodes, subresource(s)=[" + subresource + "])\n";
    }
}
