package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.audit.Auditor;
import io.k8j.apiserver.discovery.Discovery;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;
import io.k8j.storage.StorageException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The entry of every request: reads the body within the size limit, runs the filters, then hands the
 * request to the handler for its path on a virtual thread (handlers block on storage).
 */
public final class ApiHandler implements Handler<HttpServerRequest> {
    /** kube-apiserver's limit for a request body. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Registry registry;
    private final List<RequestFilter> filters;
    private final NonResourceHandler nonResource;
    private final ResourceHandler resources;
    private final WatchResponder watches;
    private final ExecutorService executor;
    private final StreamProxy streams;
    private final Auditor auditor;

    public ApiHandler(Registry registry, List<RequestFilter> filters, NonResourceHandler nonResource,
                      FieldValidation validation, WatchResponder watches, ExecutorService executor,
                      java.time.Clock clock, KubeletProxy kubelets, io.k8j.apiserver.authn.Authentication authn,
                      io.k8j.apiserver.authz.Authorization authz, Auditor auditor) {
        this.registry = registry;
        this.filters = filters;
        this.nonResource = nonResource;
        this.resources = new ResourceHandler(registry, validation, watches, clock, kubelets, authn, authz);
        this.watches = watches;
        this.executor = executor;
        this.streams = new StreamProxy(registry, filters, kubelets, executor);
        this.auditor = auditor;
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (isWatchUpgrade(req)) {
            upgradeWatch(req);
            return;
        }
        if (StreamProxy.isUpgrade(req)) {
            streams.upgrade(req);
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && parseLength(length) > MAX_BODY_BYTES) {
            rejectTooLarge(req);
            return;
        }
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                req.pause();
                rejectTooLarge(req);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!req.response().ended()) {
                executor.execute(() -> serve(new ApiRequest(req, body.getBytes())));
            }
        });
    }

    private void serve(ApiRequest req) {
        Auditor.Entry audit = null;
        try {
            RequestInfo info = RequestInfo.parse(req.method(), req.path(), req.flag("watch"));
            try {
                for (RequestFilter f : filters) {
                    f.filter(req, info);
                }
            } finally {
                // begun here, so that a refusal of a known user (403 from authorization) is audited too
                audit = auditor == null || req.user() == null ? null : AuditedRequests.begin(auditor, req, info);
            }
            if (info != null && registry.catalog().find(info.group(), info.version(), info.resource()).isPresent()) {
                resources.handle(req, info);
            } else {
                nonResource.handle(req);
            }
        } catch (ApiException e) {
            Responses.error(req, e);
        } catch (StorageException e) {
            LOG.warn("request {} {}: storage failed: {}", req.method(), req.path(), e.getMessage());
            Responses.error(req, StorageErrors.toApi(e));
        } catch (RuntimeException | Error e) {
            LOG.error("request {} {} failed", req.method(), req.path(), e);
            Responses.error(req, ApiException.internal(String.valueOf(e.getMessage())));
        } finally {
            if (audit != null) {
                audit.complete(req.raw().response().getStatusCode());
            }
        }
    }

    private static boolean isWatchUpgrade(HttpServerRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket") && ApiRequest.isTrue(req.getParam("watch"));
    }

    private void upgradeWatch(HttpServerRequest raw) {
        RequestInfo info = RequestInfo.parse("GET", raw.path(), true);
        ApiRequest req = new ApiRequest(raw, new byte[0]);
        try {
            // The filters run here, before the upgrade (authentication reads the TLS session and the watch cache).
            for (RequestFilter f : filters) {
                f.filter(req, info);
            }
        } catch (ApiException e) {
            Responses.error(req, e);
            return;
        }
        var store = info == null ? null : registry.find(info.group(), info.version(), info.resource()).orElse(null);
        if (store == null) {
            Responses.error(req, ApiException.notFound("the server could not find the requested resource"));
            return;
        }
        String ns = store.type().namespaced() ? info.namespace() : null;
        raw.toWebSocket().onSuccess(ws -> executor.execute(() -> watchOverWebSocket(req, ws, store, ns)));
    }

    private void watchOverWebSocket(ApiRequest req, io.vertx.core.http.ServerWebSocket ws, GenericStore store,
                                    String ns) {
        try {
            watches.serveWebSocket(ws, store, ns, new RequestOptions().list(req, true));
        } catch (ApiException e) {
            ws.writeTextMessage(Json.MAPPER.createObjectNode().put("type", "ERROR").set("object", e.status()).toString());
            ws.close();
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void rejectTooLarge(HttpServerRequest req) {
        Responses.error(req.response(), ApiException.tooLarge(MAX_BODY_BYTES));
    }
}
