package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.http.UserInfo;

import java.util.Locale;

/**
 * What a request asks to do, as kube's authorizer.Attributes: who, which verb, and either a resource (group,
 * resource, subresource, namespace, name) or a non-resource path.
 */
public record Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String resource,
                         String subresource, String namespace, String name, String path) {

    public Attributes {
        apiGroup = nullToEmpty(apiGroup);
        resource = nullToEmpty(resource);
        subresource = nullToEmpty(subresource);
        namespace = nullToEmpty(namespace);
        name = nullToEmpty(name);
        path = nullToEmpty(path);
    }

    /** A request as the pipeline parsed it; {@code info} null is a non-resource request (verb: the HTTP method). */
    public static Attributes of(UserInfo user, String method, String path, RequestInfo info) {
        if (info == null) {
            return nonResource(user, method.toLowerCase(Locale.ROOT), path);
        }
        // kube's subresource is one path segment: nodes/NAME/proxy/a/b is "proxy"
        String sub = info.subresource() == null ? "" : info.subresource().split("/", 2)[0];
        return resource(user, info.verb(), info.group(), info.resource(), sub, info.namespace(), info.name());
    }

    public static Attributes resource(UserInfo user, String verb, String group, String resource, String subresource,
                                      String namespace, String name) {
        return new Attributes(user, verb, true, group, resource, subresource, namespace, name, "");
    }

    public static Attributes nonResource(UserInfo user, String verb, String path) {
        return new Attributes(user, verb, false, "", "", "", "", "", path);
    }

    public Attributes withUser(UserInfo other) {
        return new Attributes(other, verb, resourceRequest, apiGroup, resource, subresource, namespace, name, path);
    }

    /** "pods/log": the resource with its subresource, as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
