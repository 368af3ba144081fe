package io.k8j.apiserver.authn;

import java.time.Instant;

/** The objects a service account token refers to, as the API server currently has them. */
public interface BoundObjects {
    /**
     * @param kind ServiceAccount, Pod, Secret or Node
     * @param namespace ignored for nodes
     * @return the object's uid and deletion time (null when not deleting), or null when it does not exist
     */
    Found find(String kind, String namespace, String name);

    /** What validation needs of an object. */
    record Found(String uid, Instant deletionTimestamp) {
    }
}
