package io.k8j.apiserver.http;

import java.util.List;

/** Who made a request, as authentication established it. */
public record UserInfo(String name, List<String> groups) {
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", List.of("system:unauthenticated"));
}
