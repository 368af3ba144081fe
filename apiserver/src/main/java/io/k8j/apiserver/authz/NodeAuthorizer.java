package io.k8j.apiserver.authz;

import java.util.List;

/**
 * kube's Node authorizer ({@code --authorization-mode=Node}): a kubelet may read a secret, configmap, claim or
 * volume, and ask a token of a service account, only when a pod bound to its node names it (see
 * {@link NodeGraph}); it may touch only its own Lease; everything else a node does is judged by the static rules of
 * the {@code system:node} role, which stays unbound (NodeRestriction admission narrows the writes further). Users
 * that are not nodes get no opinion, so RBAC decides for them.
 */
public final class NodeAuthorizer implements Authorizer {
    private static final String LEASE_NAMESPACE = "kube-node-lease";
    private final NodeGraph graph;
    private final List<PolicyRule> nodeRules;

    public NodeAuthorizer(NodeGraph graph, List<PolicyRule> nodeRules) {
        this.graph = graph;
        this.nodeRules = List.copyOf(nodeRules);
    }

    @Override
    public Result authorize(Attributes a) {
        String node = NodeIdentity.nodeName(a.user());
        if (node == null) {
            return Result.NO_OPINION;
        }
        if (node.isEmpty()) {
            return noOpinion("unknown node for user \"" + a.user().name() + "\"");
        }
        if (a.resourceRequest()) {
            String resource = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
            switch (resource) {
                case "secrets", "configmaps" -> {
                    return readNamespacedObject(node, a);
                }
                case "persistentvolumeclaims" -> {
                    return a.subresource().equals("status") ? updateStatus(node, a) : get(node, a);
                }
                case "persistentvolumes" -> {
                    return get(node, a);
                }
                case "serviceaccounts" -> {
                    return createToken(node, a);
                }
                case "leases.coordination.k8s.io" -> {
                    return lease(node, a);
                }
                default -> {
                }
            }
        }
        for (PolicyRule rule : nodeRules) {
            if (rule.allows(a)) {
                return Result.ALLOW;
            }
        }
        return Result.NO_OPINION;
    }

    private Result readNamespacedObject(String node, Attributes a) {
        if (!List.of("get", "list", "watch").contains(a.verb())) {
            return noOpinion("can only read resources of this type");
        }
        if (!a.subresource().isEmpty()) {
            return noOpinion("cannot read subresource");
        }
        if (a.namespace().isEmpty()) {
            return noOpinion("can only read namespaced object of this type");
        }
        return related(node, a);
    }

    private Result get(String node, Attributes a) {
        if (!a.verb().equals("get")) {
            return noOpinion("can only get individual resources of this type");
        }
        if (!a.subresource().isEmpty()) {
            return noOpinion("cannot get subresource");
        }
        return related(node, a);
    }

    private Result updateStatus(String node, Attributes a) {
        if (!a.verb().equals("update") && !a.verb().equals("patch")) {
            return noOpinion("can only get/update/patch this type");
        }
        return related(node, a);
    }

    private Result createToken(String node, Attributes a) {
        if (!a.verb().equals("create") || a.name().isEmpty()) {
            return noOpinion("can only create tokens for individual service accounts");
        }
        if (!a.subresource().equals("token")) {
            return noOpinion("can only create token subresource of serviceaccount");
        }
        return reaches(node, a) ? Result.ALLOW : noRelationship(node);
    }

    private Result related(String node, Attributes a) {
        if (a.name().isEmpty()) {
            return noOpinion("No Object name found");
        }
        return reaches(node, a) ? Result.ALLOW : noRelationship(node);
    }

    private boolean reaches(String node, Attributes a) {
        return graph.reaches(node, a.resource(), a.namespace(), a.name());
    }

    private static Result lease(String node, Attributes a) {
        if (!List.of("get", "create", "update", "patch", "delete").contains(a.verb())) {
            return noOpinion("can only get, create, update, patch, or delete a node lease");
        }
        if (!a.namespace().equals(LEASE_NAMESPACE)) {
            return noOpinion("can only access leases in the \"" + LEASE_NAMESPACE + "\" system namespace");
        }
        // a create names no object here: NodeRestriction checks the name in the body
        if (!a.verb().equals("create") && !a.name().equals(node)) {
            return noOpinion("can only access node lease with the same name as the requesting node");
        }
        return Result.ALLOW;
    }

    private static Result noRelationship(String node) {
        return noOpinion("no relationship found between node '" + node + "' and this object");
    }

    private static Result noOpinion(String reason) {
        return new Result(Decision.NO_OPINION, reason);
    }
}
