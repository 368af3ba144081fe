package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.ResourceType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query of a pods/log request, checked as kube's ValidatePodLogOptions before it goes to the kubelet: a
 * value that does not parse is a 400, one out of range a 422 about the PodLogOptions.
 */
final class PodLogOptions {
    private static final ResourceType KIND = new ResourceType("", "v1", "PodLogOptions", "", "", true,
            List.of(), List.of(), Set.of(), null); // no stored resource: named in errors only
    private static final List<String> FLAGS = List.of("follow", "timestamps", "previous");

    private PodLogOptions() {
    }

    /** The kubelet's query string ("" or "?a=b&..."), from the request's parameters. */
    static String query(Function<String, String> param, String pod) {
        Map<String, String> passed = new LinkedHashMap<>();
        for (String flag : FLAGS) {
            if (param.apply(flag) != null) {
                passed.put(flag, param.apply(flag));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Long tail = number(param, "tailLines", passed);
        if (tail != null && tail < 0) {
            errors.add(FieldError.invalid("tailLines", tail, "must be greater than or equal to 0"));
        }
        Long since = number(param, "sinceSeconds", passed);
        if (since != null && since < 1) {
            errors.add(FieldError.invalid("sinceSeconds", since, "must be greater than 0"));
        }
        Long limit = number(param, "limitBytes", passed);
        if (limit != null && limit < 1) {
            errors.add(FieldError.invalid("limitBytes", limit, "must be greater than 0"));
        }
        String sinceTime = param.apply("sinceTime");
        if (sinceTime != null) {
            try {
                OffsetDateTime.parse(sinceTime);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("sinceTime: parsing time \"" + sinceTime + "\" as RFC3339 failed");
            }
            passed.put("sinceTime", sinceTime);
            if (since != null) {
                errors.add(FieldError.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(KIND, pod, errors);
        }
        StringBuilder query = new StringBuilder();
        passed.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static Long number(Function<String, String> param, String name, Map<String, String> passed) {
        String v = param.apply(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            passed.put(name, v);
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
    }
}
