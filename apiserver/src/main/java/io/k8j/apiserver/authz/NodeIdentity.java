package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.UserInfo;

/** kube's nodeidentifier: a user {@code system:node:NAME} in group {@code system:nodes} is the kubelet of NAME. */
public final class NodeIdentity {
    public static final String NODES_GROUP = "system:nodes";
    private static final String USER_PREFIX = "system:node:";

    private NodeIdentity() {
    }

    /** The node's name ("" when the user name has none), or null when the user is not a node. */
    public static String nodeName(UserInfo user) {
        if (user == null || !user.name().startsWith(USER_PREFIX) || !user.groups().contains(NODES_GROUP)) {
            return null;
        }
        return user.name().substring(USER_PREFIX.length());
    }
}
