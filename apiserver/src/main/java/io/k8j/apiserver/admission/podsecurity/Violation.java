package io.k8j.apiserver.admission.podsecurity;

/** One failed check, printed as kube prints it: {@code reason (detail)}. */
public record Violation(String reason, String detail) {
    @Override
    public String toString() {
        return detail.isEmpty() ? reason : reason + " (" + detail + ")";
    }
}
