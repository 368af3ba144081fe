package io.k8j.apiserver.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * kube-apiserver's /livez, /readyz and /healthz: each runs its named checks, answers 200 "ok" (with
 * {@code ?verbose} one line per check) or, when one fails, 500 with the failing checks marked and their
 * reasons withheld (they are logged); {@code ?exclude=NAME} skips a check; PATH/NAME runs one check alone.
 */
final class HealthChecks {
    /** One named check. */
    interface Check {
        String name();

        /** Null when the check passes, otherwise why not (for the log and the single-check path). */
        String failure();
    }

    static final Check PING = new Check() {
        @Override
        public String name() {
            return "ping";
        }

        @Override
        public String failure() {
            return null;
        }
    };

    private static final List<String> ROOTS = List.of("/livez", "/readyz", "/healthz");

    private final List<Check> checks;

    HealthChecks(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Whether {@code path} is a health endpoint or one of its checks. */
    boolean serves(String path) {
        return ROOTS.contains(path) || ROOTS.stream().anyMatch(root -> checks.stream()
                .anyMatch(c -> path.equals(root + "/" + c.name())));
    }

    void serve(ApiRequest req, String path) {
        Answer answer = answer(path, req.params("exclude"), req.param("verbose") != null);
        req.raw().response().putHeader("X-Content-Type-Options", "nosniff");
        Responses.bytes(req, answer.code(), answer.body().getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8");
    }

    /** What kube's health handlers answer. */
    record Answer(int code, String body) {
    }

    Answer answer(String path, List<String> exclude, boolean verbose) {
        if (ROOTS.contains(path)) {
            return all(path.substring(1), exclude, verbose);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String failure = checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().failure();
        return failure == null ? new Answer(200, "ok") : new Answer(500, "internal server error: " + failure + "\n");
    }

    private Answer all(String endpoint, List<String> exclude, boolean verbose) {
        TreeSet<String> excluded = new TreeSet<>(exclude);
        StringBuilder out = new StringBuilder();
        boolean failed = false;
        for (Check check : checks) {
            if (excluded.remove(check.name())) {
                out.append("[+]").append(check.name()).append(" excluded: ok\n");
            } else if (check.failure() != null) {
                out.append("[-]").append(check.name()).append(" failed: reason withheld\n");
                failed = true;
            } else {
                out.append("[+]").append(check.name()).append(" ok\n");
            }
        }
        if (!excluded.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            excluded.forEach(e -> quoted.add("\"" + e + "\""));
            out.append("warn: some health checks cannot be excluded: no matches for ")
                    .append(String.join(",", quoted)).append('\n');
        }
        if (failed) {
            // Go's http.Error ends the text with a newline
            return new Answer(500, out + endpoint + " check failed\n");
        }
        return verbose ? new Answer(200, out + endpoint + " check passed\n") : new Answer(200, "ok");
    }
}
