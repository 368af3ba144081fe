package io.k8j.apiserver.authz;

import io.k8j.storage.Storage;

import java.util.List;
import java.util.Set;

/**
 * The API server's authorization: kube's default chain (the {@code system:masters} group, then RBAC) over the RBAC
 * index that the store's watch keeps current.
 */
public record Authorization(Authorizer authorizer, RbacIndex rbac, AutoCloseable feed) implements AutoCloseable {

    /** Lists the RBAC objects of {@code storage} (the watch cache) and keeps watching them. */
    public static Authorization start(Storage storage) {
        RbacIndex rbac = new RbacIndex();
        RbacStoreFeed feed = RbacStoreFeed.start(storage, rbac);
        Authorizer chain = new UnionAuthorizer(List.of(
                new PrivilegedGroupAuthorizer(Set.of(PrivilegedGroupAuthorizer.SYSTEM_MASTERS)), new RbacAuthorizer(rbac)));
        return new Authorization(chain, rbac, feed);
    }

    /** Escalation prevention for writes of RBAC objects, over the same chain and index. */
    public EscalationCheck escalation() {
        return new EscalationCheck(authorizer, rbac);
    }

    @Override
    public void close() throws Exception {
        feed.close();
    }
}
