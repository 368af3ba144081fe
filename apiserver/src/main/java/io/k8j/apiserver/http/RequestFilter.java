package io.k8j.apiserver.http;

/**
 * One step of the request pipeline before a handler runs (authentication, authorization, admission
 * limits). A filter rejects a request by throwing an ApiException.
 */
public interface RequestFilter {
    /** {@code info} is null for non-resource paths (discovery, health, version, OpenAPI). */
    void filter(ApiRequest request, RequestInfo info);
}
