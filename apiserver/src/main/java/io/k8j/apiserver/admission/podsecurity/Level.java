package io.k8j.apiserver.admission.podsecurity;

import java.util.Locale;
import java.util.Optional;

/** The Pod Security Standards' levels, from most to least permissive. */
public enum Level {
    PRIVILEGED, BASELINE, RESTRICTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Level> parse(String value) {
        for (Level level : values()) {
            if (level.label().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
