package io.k8j.apiserver.authz;

/**
 * kube's RBAC authorizer: allows a request that a rule of a role bound to the user allows; otherwise it has no
 * opinion (RBAC never denies), with the roles that bindings name but do not exist as the reason.
 */
public final class RbacAuthorizer implements Authorizer {
    private final RbacIndex index;

    public RbacAuthorizer(RbacIndex index) {
        this.index = index;
    }

    @Override
    public Result authorize(Attributes request) {
        RbacIndex.Rules rules = index.rulesFor(request.user(), request.namespace());
        for (PolicyRule rule : rules.rules()) {
            if (rule.allows(request)) {
                return Result.ALLOW;
            }
        }
        return new Result(Decision.NO_OPINION,
                rules.errors().isEmpty() ? "" : "RBAC: [" + String.join(", ", rules.errors()) + "]");
    }
}
