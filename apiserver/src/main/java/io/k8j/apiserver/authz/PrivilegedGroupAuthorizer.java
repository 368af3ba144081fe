package io.k8j.apiserver.authz;

import java.util.Set;

/** kube's privileged-group authorizer: members of {@code system:masters} may do anything, whatever RBAC says. */
public final class PrivilegedGroupAuthorizer implements Authorizer {
    public static final String SYSTEM_MASTERS = "system:masters";
    private final Set<String> groups;

    public PrivilegedGroupAuthorizer(Set<String> groups) {
        this.groups = Set.copyOf(groups);
    }

    @Override
    public Result authorize(Attributes request) {
        for (String g : request.user().groups()) {
            if (groups.contains(g)) {
                return Result.ALLOW;
            }
        }
        return Result.NO_OPINION;
    }
}
