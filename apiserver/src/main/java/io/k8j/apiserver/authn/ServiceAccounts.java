package io.k8j.apiserver.authn;

import java.util.List;

/** How kube names service account users (k8s.io/apiserver/pkg/authentication/serviceaccount). */
public final class ServiceAccounts {
    public static final String PREFIX = "system:serviceaccount:";
    public static final String ALL_GROUP = "system:serviceaccounts";
    public static final String POD_NAME = "authentication.kubernetes.io/pod-name";
    public static final String POD_UID = "authentication.kubernetes.io/pod-uid";
    public static final String NODE_NAME = "authentication.kubernetes.io/node-name";
    public static final String NODE_UID = "authentication.kubernetes.io/node-uid";
    public static final String CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

    private ServiceAccounts() {
    }

    public static String username(String namespace, String name) {
        return PREFIX + namespace + ":" + name;
    }

    public static List<String> groups(String namespace) {
        return List.of(ALL_GROUP, ALL_GROUP + ":" + namespace);
    }
}
