package io.k8j.apiserver.authz;

import io.k8j.api.ApiException;
import io.k8j.apiserver.http.ApiRequest;
import io.k8j.apiserver.http.RequestFilter;
import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.http.UserInfo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * kube's impersonation filter: {@code Impersonate-User}, {@code -Group}, {@code -Uid} and {@code -Extra-*} headers
 * make the request act as someone else, if the caller may {@code impersonate} each of them (users, groups,
 * serviceaccounts, uids, userextras); otherwise kube's 403. Runs between authentication and authorization.
 */
public final class ImpersonationFilter implements RequestFilter {
    private static final String EXTRA_PREFIX = "impersonate-extra-";
    private static final String SA_PREFIX = "system:serviceaccount:";
    private final Authorizer authorizer;

    public ImpersonationFilter(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void filter(ApiRequest request, RequestInfo info) {
        String name = request.header("Impersonate-User");
        List<String> groups = request.headers().getAll("Impersonate-Group");
        String uid = request.header("Impersonate-Uid");
        Map<String, List<String>> extra = extra(request);
        if (name == null && groups.isEmpty() && uid == null && extra.isEmpty()) {
            return;
        }
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("impersonating user must be specified when impersonating groups, extras or uid");
        }
        UserInfo actor = request.user();
        List<String> newGroups = new ArrayList<>();
        if (name.startsWith(SA_PREFIX) && name.split(":").length == 4) {
            String[] parts = name.split(":");
            require(Attributes.resource(actor, "impersonate", "", "serviceaccounts", "", parts[2], parts[3]));
            newGroups.add("system:serviceaccounts");
            newGroups.add("system:serviceaccounts:" + parts[2]);
        } else {
            require(Attributes.resource(actor, "impersonate", "", "users", "", "", name));
        }
        for (String g : groups) {
            require(Attributes.resource(actor, "impersonate", "", "groups", "", "", g));
            newGroups.add(g);
        }
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            for (String v : e.getValue()) {
                require(Attributes.resource(actor, "impersonate", "authentication.k8s.io", "userextras", e.getKey(), "", v));
            }
        }
        if (uid != null) {
            require(Attributes.resource(actor, "impersonate", "authentication.k8s.io", "uids", "", "", uid));
        }
        String implicit = name.equals(UserInfo.ANONYMOUS.name()) ? "system:unauthenticated" : "system:authenticated";
        if (!newGroups.contains("system:authenticated") && !newGroups.contains("system:unauthenticated")) {
            newGroups.add(implicit);
        }
        request.impersonate(new UserInfo(name, uid == null ? "" : uid, newGroups, extra));
    }

    private void require(Attributes attributes) {
        Authorizer.Result result = authorizer.authorize(attributes);
        if (!result.allowed()) {
            throw Forbidden.of(attributes, result.reason());
        }
    }

    /** Impersonate-Extra-{key}: the key is percent-decoded and lower case, as Go's canonical header keys make it. */
    private static Map<String, List<String>> extra(ApiRequest request) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers().entries()) {
            String header = h.getKey().toLowerCase(Locale.ROOT);
            if (header.startsWith(EXTRA_PREFIX)) {
                String key = URLDecoder.decode(header.substring(EXTRA_PREFIX.length()), StandardCharsets.UTF_8);
                extra.computeIfAbsent(key, k -> new ArrayList<>()).add(h.getValue());
            }
        }
        return extra;
    }
}
