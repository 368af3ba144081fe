package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.http.UserInfo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request asks to do, as kube's authorizer.Attributes: who, which verb, and either a resource (group,
 * resource, subresource, namespace, name) or a non-resource path.
 */
public record Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String resource,
                         String subresource, String namespace, String name, String path) {

    private static final Pattern NAME_REQUIREMENT = Pattern.compile("metadata\\.name==?([^/%\\\\,!=]+)");

    public Attributes {
        apiGroup = nullToEmpty(apiGroup);
        resource = nullToEmpty(resource);
        subresource = nullToEmpty(subresource);
        namespace = nullToEmpty(namespace);
        name = nullToEmpty(name);
        path = nullToEmpty(path);
    }

    /**
     * A request as the pipeline parsed it; {@code info} null is a non-resource request (verb: the HTTP method).
     * {@code fieldSelector} (may be null): a list or watch that selects {@code metadata.name} exactly names that
     * object, as kube's RequestInfoFactory has it, so that a grant of one object covers watching it.
     */
    public static Attributes of(UserInfo user, String method, String path, RequestInfo info, String fieldSelector) {
        if (info == null) {
            return nonResource(user, method.toLowerCase(Locale.ROOT), path);
        }
        // kube's subresource is one path segment: nodes/NAME/proxy/a/b is "proxy"
        String sub = info.subresource() == null ? "" : info.subresource().split("/", 2)[0];
        String name = info.name();
        if (name == null && (info.verb().equals("list") || info.verb().equals("watch"))) {
            name = selectedName(fieldSelector);
        }
        return resource(user, info.verb(), info.group(), info.resource(), sub, info.namespace(), name);
    }

    /** The name an exact {@code metadata.name} requirement selects, when it is a valid path segment; else null. */
    private static String selectedName(String fieldSelector) {
        if (fieldSelector == null) {
            return null;
        }
        for (String requirement : fieldSelector.split(",")) {
            Matcher m = NAME_REQUIREMENT.matcher(requirement.trim());
            if (m.matches() && !m.group(1).equals(".") && !m.group(1).equals("..")) {
                return m.group(1);
            }
        }
        return null;
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
