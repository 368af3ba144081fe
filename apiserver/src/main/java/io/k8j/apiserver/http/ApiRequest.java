package io.k8j.apiserver.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/** One request as the handlers see it: method, path, query, headers and the whole body. */
public final class ApiRequest {
    /** What Go's strconv.ParseBool takes as true (the Python client sends "True"). */
    private static final java.util.Set<String> TRUE_VALUES = java.util.Set.of("1", "t", "T", "true", "TRUE", "True");

    private final HttpServerRequest raw;
    private final byte[] body;
    private final List<String> warnings = new ArrayList<>();
    private UserInfo user = UserInfo.ANONYMOUS;

    ApiRequest(HttpServerRequest raw, byte[] body) {
        this.raw = raw;
        this.body = body;
    }

    public String method() {
        return raw.method().name();
    }

    public String path() {
        return raw.path();
    }

    public String param(String name) {
        return raw.getParam(name);
    }

    public String param(String name, String fallback) {
        String v = raw.getParam(name);
        return v == null ? fallback : v;
    }

    public List<String> params(String name) {
        return raw.params().getAll(name);
    }

    public boolean flag(String name) {
        String v = raw.getParam(name);
        return isTrue(v);
    }

    static boolean isTrue(String v) {
        return v != null && TRUE_VALUES.contains(v);
    }

    public String header(String name) {
        return raw.getHeader(name);
    }

    public MultiMap headers() {
        return raw.headers();
    }

    public byte[] body() {
        return body;
    }

    public HttpServerRequest raw() {
        return raw;
    }

    public UserInfo user() {
        return user;
    }

    void authenticate(UserInfo user) {
        this.user = user;
    }

    /** From here on the request acts as {@code user} (kube's impersonation, once the caller was allowed it). */
    public void impersonate(UserInfo user) {
        this.user = user;
    }

    /** A warning for the client, sent as a {@code Warning: 299 - "..."} response header. */
    public void warn(String text) {
        warnings.add(text);
    }

    List<String> warnings() {
        return warnings;
    }
}
