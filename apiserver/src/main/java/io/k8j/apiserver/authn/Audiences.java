package io.k8j.apiserver.authn;

import java.util.List;

/** Audience lists as kube's authenticator.Audiences compares them. */
final class Audiences {
    private Audiences() {
    }

    /** The members of {@code a} also in {@code b}, in a's order. */
    static List<String> intersect(List<String> a, List<String> b) {
        return a.stream().filter(b::contains).distinct().toList();
    }

    /** Go's %q of a string slice: ["a" "b"]. */
    static String quoted(List<String> audiences) {
        return "[" + String.join(" ", audiences.stream().map(a -> "\"" + a.replace("\"", "\\\"") + "\"").toList()) + "]";
    }
}
