package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.Meta;
import io.k8j.storage.Storage;

import java.util.List;
import java.util.Set;

/**
 * The API server's authorization: kube's chain for {@code --authorization-mode=Node,RBAC} (the
 * {@code system:masters} group, then the Node authorizer, then RBAC) over the node graph and the RBAC index that
 * the store's watches keep current.
 */
public record Authorization(Authorizer authorizer, RbacIndex rbac, List<StoreFeed> feeds) implements AutoCloseable {

    /** Lists the RBAC objects, pods and volumes of {@code storage} (the watch cache) and keeps watching them. */
    public static Authorization start(Storage storage) {
        RbacIndex rbac = new RbacIndex();
        NodeGraph graph = new NodeGraph();
        List<StoreFeed> feeds = List.of(StoreFeed.start(storage, RbacIndex.PREFIX, rbac::put),
                StoreFeed.start(storage, NodeGraph.PODS, graph::putPod),
                StoreFeed.start(storage, NodeGraph.VOLUMES, graph::putVolume));
        Authorizer chain = new UnionAuthorizer(List.of(
                new PrivilegedGroupAuthorizer(Set.of(PrivilegedGroupAuthorizer.SYSTEM_MASTERS)),
                new NodeAuthorizer(graph, nodeRules()), new RbacAuthorizer(rbac)));
        return new Authorization(chain, rbac, feeds);
    }

    /** kube's bootstrappolicy.NodeRules: the rules of the system:node role, which the Node authorizer applies. */
    static List<PolicyRule> nodeRules() {
        ObjectNode role = BootstrapPolicy.objects().stream()
                .filter(o -> o.path("kind").asText().equals("ClusterRole") && Meta.name(o).equals("system:node"))
                .findFirst().orElseThrow();
        return PolicyRule.parseAll(role.path("rules"));
    }

    /** Escalation prevention for writes of RBAC objects, over the same chain and index. */
    public EscalationCheck escalation() {
        return new EscalationCheck(authorizer, rbac);
    }

    @Override
    public void close() {
        feeds.forEach(StoreFeed::close);
    }
}
