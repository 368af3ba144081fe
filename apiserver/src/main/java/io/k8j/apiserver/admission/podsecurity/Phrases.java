package io.k8j.apiserver.admission.podsecurity;

import java.util.Collection;
import java.util.stream.Collectors;

/** The wording helpers of kube's messages. */
final class Phrases {
    private Phrases() {
    }

    /** {@code "a", "b"} */
    static String joinQuote(Collection<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", "));
    }

    static String pluralize(String singular, String plural, int count) {
        return count == 1 ? singular : plural;
    }

    /** {@code container "a"} or {@code containers "a", "b"} */
    static String containers(Collection<String> names) {
        return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
    }
}
