package io.k8j.apiserver.authz;

import java.util.ArrayList;
import java.util.List;

/** kube's union authorizer: the first allow or deny decides; the reasons of those without an opinion are joined. */
public final class UnionAuthorizer implements Authorizer {
    private final List<Authorizer> chain;

    public UnionAuthorizer(List<Authorizer> chain) {
        this.chain = List.copyOf(chain);
    }

    @Override
    public Result authorize(Attributes request) {
        List<String> reasons = new ArrayList<>();
        for (Authorizer a : chain) {
            Result r = a.authorize(request);
            if (r.decision() != Decision.NO_OPINION) {
                return r;
            }
            if (!r.reason().isEmpty()) {
                reasons.add(r.reason());
            }
        }
        return new Result(Decision.NO_OPINION, String.join("\n", reasons));
    }
}
