package io.k8j.apiserver.http;

import io.k8j.api.openapi.FieldValidator;
import io.k8j.api.openapi.OpenApi;
import io.k8j.apiserver.admission.noderestriction.NodeRequests;
import io.k8j.apiserver.audit.Auditor;
import io.k8j.apiserver.authn.Authentication;
import io.k8j.apiserver.authz.AuthorizationFilter;
import io.k8j.apiserver.authz.Authorization;
import io.k8j.apiserver.authz.ImpersonationFilter;
import io.k8j.apiserver.discovery.Discovery;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;
import io.k8j.storage.Storage;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Wires the request pipeline: filters, then the resource and non-resource handlers. */
public final class HttpComponents {
    /** The Kubernetes minor version served; kubectl's dispatcher picks its own version by it. */
    public static final String KUBERNETES_MINOR = "33";

    private HttpComponents() {
    }

    /** kube's --min-request-timeout default, in seconds. */
    public static final long MIN_REQUEST_TIMEOUT = 1800;

    /** Without kubelets or authentication: every request is served as anonymous (in-process tests over plain HTTP). */
    public static ApiHandler handler(Vertx vertx, Registry registry, Storage storage, ExecutorService executor,
                                     Clock clock, Discovery discovery, OpenApi openApi, FieldValidator validator,
                                     String serverAddress) {
        return handler(vertx, registry, storage, executor, clock, discovery, openApi, validator, serverAddress, null,
                null, null, MIN_REQUEST_TIMEOUT, null);
    }

    /**
     * {@code kubelets} may be null: then pods/log answers 404. {@code authn} null leaves requests unauthenticated,
     * {@code authz} null unauthorized, {@code auditor} null unaudited. The filters run in this order:
     * authentication, then impersonation, then authorization, then NodeRestriction of kubelets' pod deletes and
     * evictions.
     */
    public static ApiHandler handler(Vertx vertx, Registry registry, Storage storage, ExecutorService executor,
                                     Clock clock, Discovery discovery, OpenApi openApi, FieldValidator validator,
                                     String serverAddress, KubeletProxy kubelets, Authentication authn,
                                     Authorization authz, long minRequestTimeoutSeconds, Auditor auditor) {
        // kube's ping and etcd checks; its others (log, informer-sync, post-start hooks, shutdown) have no counterpart
        HealthChecks health = new HealthChecks(List.of(HealthChecks.PING, new StorageHealthCheck(storage, clock)));
        NonResourceHandler nonResource = new NonResourceHandler(discovery, openApi,
                NonResourceHandler.versionInfo(KUBERNETES_MINOR, DateTimeFormatter.ISO_INSTANT.format(clock.instant())),
                health, serverAddress);
        List<RequestFilter> filters = new ArrayList<>();
        if (authn != null) {
            filters.add(new AuthenticationFilter(authn.tokens()));
        }
        if (authz != null) {
            filters.add(new ImpersonationFilter(authz.authorizer()));
            filters.add(new AuthorizationFilter(authz.authorizer()));
            GenericStore pods = registry.find("", "v1", "pods").orElseThrow();
            filters.add(new NodeRequests(pods::get));
        }
        return new ApiHandler(registry, List.copyOf(filters), nonResource, new FieldValidation(validator),
                new WatchResponder(storage, clock, minRequestTimeoutSeconds), executor, clock, kubelets, authn, authz, auditor);
    }
}
