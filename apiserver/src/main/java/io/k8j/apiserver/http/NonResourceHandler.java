package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.openapi.OpenApi;
import io.k8j.apiserver.discovery.Discovery;


/** What is not a resource: version, health checks ({@link HealthChecks}), discovery and OpenAPI documents. */
public final class NonResourceHandler {
    static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    static final String AGGREGATED_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    private static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private final Discovery discovery;
    private final OpenApi openApi;
    private final ObjectNode version;
    private final HealthChecks health;
    private final String serverAddress;

    NonResourceHandler(Discovery discovery, OpenApi openApi, ObjectNode version, HealthChecks health,
                       String serverAddress) {
        this.discovery = discovery;
        this.openApi = openApi;
        this.version = version;
        this.health = health;
        this.serverAddress = serverAddress;
    }

    void handle(ApiRequest req) {
        String path = req.path().length() > 1 && req.path().endsWith("/")
                ? req.path().substring(0, req.path().length() - 1) : req.path();
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw notFoundOrNotAllowed(path);
        }
        if (health.serves(path)) {
            health.serve(req, path);
            return;
        }
        String accept = req.header("Accept");
        switch (path) {
            case "/version" -> Responses.json(req, 200, version);
            case "/api" -> discovery(req, accept, true);
            case "/apis" -> discovery(req, accept, false);
            case "/openapi/v2" -> openApiV2(req, accept);
            case "/openapi/v3" -> Responses.json(req, 200, openApi.v3Root());
            default -> other(req, path);
        }
    }

    private void other(ApiRequest req, String path) {
        JsonNode doc = null;
        if (path.startsWith("/openapi/v3/")) {
            doc = openApi.v3(path.substring("/openapi/v3/".length()));
        } else if (path.equals("/api/v1")) {
            doc = discovery.resourceList("v1");
        } else if (path.startsWith("/apis/")) {
            String[] parts = path.substring("/apis/".length()).split("/");
            if (parts.length == 1) {
                doc = discovery.group(parts[0]);
            } else if (parts.length == 2) {
                doc = discovery.resourceList(parts[0] + "/" + parts[1]);
            }
        }
        if (doc == null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        Responses.json(req, 200, doc);
    }

    private void discovery(ApiRequest req, String accept, boolean core) {
        String version = aggregatedVersion(accept);
        if (version == null) {
            Responses.json(req, 200, core ? discovery.apiVersions(serverAddress) : discovery.groupList());
        } else {
            Responses.json(req, 200, discovery.aggregated(core, version),
                    version.equals("v2") ? AGGREGATED_V2 : AGGREGATED_V2BETA1);
        }
    }

    /** The first aggregated discovery version the Accept header lists, or null for legacy discovery. */
    static String aggregatedVersion(String accept) {
        if (accept == null) {
            return null;
        }
        for (String mediaType : accept.split(",")) {
            if (!mediaType.contains("as=APIGroupDiscoveryList") || !mediaType.contains("g=apidiscovery.k8s.io")) {
                continue;
            }
            for (String param : mediaType.split(";")) {
                String p = param.trim();
                if (p.equals("v=v2") || p.equals("v=v2beta1")) {
                    return p.substring(2);
                }
            }
        }
        return null;
    }

    private void openApiV2(ApiRequest req, String accept) {
        if (accept != null && accept.contains("protobuf")) {
            Responses.bytes(req, 200, openApi.v2Protobuf(), OPENAPI_V2_PROTOBUF);
        } else {
            Responses.json(req, 200, openApi.v2Json());
        }
    }

    /**
     * 405 for the documents served here (kube's GET-only discovery routes), 404 for anything else: a
     * write to an unknown resource such as {@code POST /api/v1/namespaces/x/foos} is NotFound in kube.
     */
    private static ApiException notFoundOrNotAllowed(String path) {
        boolean document = path.equals("/api") || path.equals("/apis") || path.equals("/api/v1")
                || (path.startsWith("/apis/") && path.split("/").length <= 4)
                || path.startsWith("/openapi") || path.equals("/version");
        return document ? ApiException.methodNotAllowed()
                : ApiException.notFound("the server could not find the requested resource");
    }

    static ObjectNode versionInfo(String minor, String buildDate) {
        return Json.object().put("major", "1").put("minor", minor)
                .put("gitVersion", "v1." + minor + ".0-k8j").put("gitCommit", "k8j").put("gitTreeState", "clean")
                .put("buildDate", buildDate).put("goVersion", "java" + Runtime.version().feature())
                .put("compiler", "k8j").put("platform", "linux/amd64");
    }
}
