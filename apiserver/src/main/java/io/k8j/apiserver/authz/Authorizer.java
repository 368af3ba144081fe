package io.k8j.apiserver.authz;

/**
 * Decides whether a request may proceed (kube's authorizer.Authorizer). Authorizers are chained as kube's union
 * authorizer: the first that allows or denies decides; when none has an opinion the request is forbidden.
 * Implementations must be cheap and never block: they run on every request, also on event loop threads.
 */
public interface Authorizer {
    enum Decision { ALLOW, DENY, NO_OPINION }

    /** A decision with kube's reason text (empty when there is none to tell). */
    record Result(Decision decision, String reason) {
        public static final Result NO_OPINION = new Result(Decision.NO_OPINION, "");
        public static final Result ALLOW = new Result(Decision.ALLOW, "");

        public boolean allowed() {
            return decision == Decision.ALLOW;
        }
    }

    Result authorize(Attributes request);
}
