package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.ApiRequest;
import io.k8j.apiserver.http.RequestFilter;
import io.k8j.apiserver.http.RequestInfo;

/** Authorization, right after authentication (and impersonation): a request no authorizer allows is kube's 403. */
public final class AuthorizationFilter implements RequestFilter {
    private final Authorizer authorizer;

    public AuthorizationFilter(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void filter(ApiRequest request, RequestInfo info) {
        Attributes attributes = Attributes.of(request.user(), request.method(), request.path(), info,
                request.param("fieldSelector"));
        Authorizer.Result result = authorizer.authorize(attributes);
        if (!result.allowed()) {
            throw Forbidden.of(attributes, result.reason());
        }
    }
}
