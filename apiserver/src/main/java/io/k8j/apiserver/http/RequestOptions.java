package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;
import io.k8j.api.selector.SelectorException;
import io.k8j.apiserver.registry.DeleteOptions;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.registry.ResourceVersions;
import io.k8j.apiserver.registry.WriteOptions;

import java.util.List;

/** Reads list, write and delete options from query parameters and DeleteOptions bodies. */
final class RequestOptions {

    /** The options of a list or deletecollection ({@code watch} false) or of a watch. */
    ListOptions list(ApiRequest req, boolean watch) {
        String rv = req.param("resourceVersion", "");
        String match = req.param("resourceVersionMatch", "");
        ListOptionsValidation.check(watch, rv, match, req.param("continue", ""), req.param("sendInitialEvents"));
        ResourceVersions.parse(rv);
        try {
            return new ListOptions(LabelSelector.parse(req.param("labelSelector")),
                    FieldSelector.parse(req.param("fieldSelector")),
                    intParam(req, "limit"), req.param("continue"), rv, match, req.flag("allowWatchBookmarks"),
                    req.flag("sendInitialEvents"), intParam(req, "timeoutSeconds"));
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    WriteOptions write(ApiRequest req) {
        String manager = req.param("fieldManager");
        if (manager == null || manager.isEmpty()) {
            manager = managerFromUserAgent(req.header("User-Agent"));
        } else if (manager.length() > 128) {
            throw ApiException.badRequest("fieldManager: Invalid value, must be no more than 128 characters");
        }
        return new WriteOptions(dryRun(req.params("dryRun")), manager, req.flag("force"), false, req::warn,
                userInfo(req.user()));
    }

    /** The user as an AdmissionReview's userInfo (authentication.k8s.io/v1 UserInfo). */
    private static ObjectNode userInfo(UserInfo user) {
        ObjectNode info = Json.object();
        info.put("username", user.name());
        if (!user.uid().isEmpty()) {
            info.put("uid", user.uid());
        }
        user.groups().forEach(info.withArrayProperty("groups")::add);
        user.extra().forEach((key, values) -> values.forEach(info.withObjectProperty("extra").withArrayProperty(key)::add));
        return info;
    }

    DeleteOptions delete(ApiRequest req) {
        return delete(req.body().length == 0 ? null : BodyDecoder.json(req.body(), null, false), req);
    }

    /** A DeleteOptions object ({@code body}, may be null) over the request's query parameters. */
    DeleteOptions delete(JsonNode body, ApiRequest req) {
        Long grace = null;
        String policy = req.param("propagationPolicy");
        boolean dryRun = dryRun(req.params("dryRun"));
        String uid = null;
        String rv = null;
        if (req.param("gracePeriodSeconds") != null) {
            grace = (long) intParam(req, "gracePeriodSeconds");
        }
        if (body != null && body.isObject()) {
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.hasNonNull("propagationPolicy")) {
                policy = body.get("propagationPolicy").asText();
            } else if (body.has("orphanDependents") && body.get("orphanDependents").asBoolean()) {
                policy = "Orphan";
            }
            if (body.has("dryRun")) {
                dryRun = dryRun(body.get("dryRun").valueStream().map(JsonNode::asText).toList());
            }
            uid = body.path("preconditions").path("uid").textValue();
            rv = body.path("preconditions").path("resourceVersion").textValue();
        }
        if (policy != null && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
            throw ApiException.badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \""
                    + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        }
        return new DeleteOptions(grace, policy, uid, rv, dryRun);
    }

    private static boolean dryRun(List<String> values) {
        for (String v : values) {
            if (!v.equals("All")) {
                throw ApiException.badRequest("Invalid dry run value: " + v);
            }
        }
        return !values.isEmpty();
    }

    private static int intParam(ApiRequest req, String name) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value for " + name + ": " + v);
        }
    }

    /** kube's default field manager: the User-Agent up to its first '/'. */
    static String managerFromUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        int slash = userAgent.indexOf('/');
        String m = slash < 0 ? userAgent : userAgent.substring(0, slash);
        return m.length() > 128 ? m.substring(0, 128) : m;
    }
}
