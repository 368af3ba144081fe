package io.k8j.apiserver.registry;

/**
 * A DeleteOptions body and query parameters.
 *
 * @param gracePeriodSeconds null when the client did not say
 * @param propagationPolicy null, "Background", "Foreground" or "Orphan"
 * @param preconditionUid null, or the uid the object must have
 * @param preconditionResourceVersion null, or the resourceVersion the object must have
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            String preconditionResourceVersion, boolean dryRun) {
    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null, false);
    }
}
