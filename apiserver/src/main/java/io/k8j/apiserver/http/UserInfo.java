package io.k8j.apiserver.http;

import java.util.List;
import java.util.Map;

/**
 * Who made a request, as authentication established it (kube's user.Info): name, uid (empty when the
 * authenticator knows none), groups, and extra attributes (e.g. the bound pod of a service account token).
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", List.of("system:unauthenticated"));

    public UserInfo {
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    public UserInfo(String name, List<String> groups) {
        this(name, "", groups, Map.of());
    }
}
