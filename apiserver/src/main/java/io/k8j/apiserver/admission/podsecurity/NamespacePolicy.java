package io.k8j.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A namespace's Pod Security labels: {@code pod-security.kubernetes.io/enforce|warn|audit} with their
 * {@code -version} companions. As kube does, a level that does not parse is taken as restricted and a
 * version that does not parse as latest, and the namespace API refuses such labels on writes.
 */
public record NamespacePolicy(Optional<Standard> enforce, Optional<Standard> warn, Optional<Standard> audit) {
    static final String PREFIX = "pod-security.kubernetes.io/";
    private static final Pattern VERSION = Pattern.compile("latest|v1\\.(0|[1-9][0-9]*)");

    /** A level at a version, printed as kube prints it: {@code restricted:latest}. */
    public record Standard(Level level, String version) {
        @Override
        public String toString() {
            return level.label() + ":" + version;
        }
    }

    public static NamespacePolicy of(JsonNode labels) {
        return new NamespacePolicy(mode(labels, "enforce"), mode(labels, "warn"), mode(labels, "audit"));
    }

    private static Optional<Standard> mode(JsonNode labels, String mode) {
        JsonNode level = labels.get(PREFIX + mode);
        if (level == null || !level.isTextual()) {
            return Optional.empty();
        }
        String version = labels.path(PREFIX + mode + "-version").asText("latest");
        return Optional.of(new Standard(Level.parse(level.asText()).orElse(Level.RESTRICTED),
                VERSION.matcher(version).matches() ? version : "latest"));
    }

    /** The label errors kube's namespace admission reports, as fields of metadata.labels. */
    public static List<FieldError> validate(JsonNode labels) {
        List<FieldError> errors = new ArrayList<>();
        for (String mode : List.of("enforce", "warn", "audit")) {
            JsonNode level = labels.get(PREFIX + mode);
            if (level != null && Level.parse(level.asText()).isEmpty()) {
                errors.add(FieldError.invalid(field(PREFIX + mode), level.asText(),
                        "must be one of privileged, baseline, restricted"));
            }
            JsonNode version = labels.get(PREFIX + mode + "-version");
            if (version != null && !VERSION.matcher(version.asText()).matches()) {
                errors.add(FieldError.invalid(field(PREFIX + mode + "-version"), version.asText(),
                        "must be \"latest\" or \"v1.x\""));
            }
        }
        return errors;
    }

    private static String field(String label) {
        return "metadata.labels[" + label + "]";
    }
}
