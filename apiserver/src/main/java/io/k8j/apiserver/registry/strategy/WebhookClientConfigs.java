package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Validation of a webhook's clientConfig: exactly one of an https url or a service (kube's webhook package). */
final class WebhookClientConfigs {
    private WebhookClientConfigs() {
    }

    static void validate(List<FieldError> errs, JsonNode config, String path) {
        boolean hasUrl = Tree.isSet(config, "url");
        boolean hasService = Tree.objOrNull(config, "service") != null;
        if (hasUrl == hasService) {
            errs.add(FieldError.required(path, "exactly one of url or service is required"));
        } else if (hasUrl) {
            validateUrl(errs, Tree.text(config, "url"), path + ".url");
        } else {
            validateService(errs, config.get("service"), path + ".service");
        }
    }

    private static void validateUrl(List<FieldError> errs, String url, String path) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errs.add(FieldError.invalid(path, url, e.getMessage()));
            return;
        }
        if (!"https".equals(uri.getScheme())) {
            errs.add(FieldError.invalid(path, uri.getScheme() == null ? "" : uri.getScheme(),
                    "'https' is the only allowed URL scheme"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            errs.add(FieldError.invalid(path, "", "host must be specified"));
        }
        if (uri.getRawUserInfo() != null) {
            errs.add(FieldError.invalid(path, uri.getRawUserInfo(), "user information is not permitted in the URL"));
        }
        if (uri.getRawFragment() != null) {
            errs.add(FieldError.invalid(path, uri.getRawFragment(), "fragments are not permitted in the URL"));
        }
        if (uri.getRawQuery() != null) {
            errs.add(FieldError.invalid(path, uri.getRawQuery(), "query parameters are not permitted in the URL"));
        }
    }

    private static void validateService(List<FieldError> errs, JsonNode service, String path) {
        if (Tree.text(service, "name").isEmpty()) {
            errs.add(FieldError.required(path + ".name", "service name is required"));
        }
        if (Tree.text(service, "namespace").isEmpty()) {
            errs.add(FieldError.required(path + ".namespace", "service namespace is required"));
        }
        String servicePath = Tree.text(service, "path");
        if (!servicePath.isEmpty() && !servicePath.startsWith("/")) {
            errs.add(FieldError.invalid(path + ".path", servicePath, "must start with a '/'"));
        }
        long port = service.path("port").asLong(443);
        if (!Checks.validPort(port)) {
            errs.add(Checks.badPort(path + ".port", port));
        }
    }
}
