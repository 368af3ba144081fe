package io.k8j.apiserver.registry;

/** Namespace lifecycle admission: no new objects in a missing or terminating namespace. */
public interface NamespaceGuard {
    /** Throws the 404 or 403 ApiException kube-apiserver gives when {@code namespace} cannot take new objects. */
    void requireWritable(String namespace);
}
