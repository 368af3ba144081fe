package io.k8j.apiserver.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/** One request as the handlers see it: method, path, query, headers and the whole body. */
public final class ApiRequest {
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
        return v != null && (v.equals("true") || v.equals("1"));
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

    /** A warning for the client, sent as a {@code Warning: 299 - "..."} response header. */
    public void warn(String text) {
        warnings.add(text);
    }

    List<String> warnings() {
        return warnings;
    }
}
