package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;

/** The pods this node should run, by "namespace/name": from the API's watch, or static manifests. */
@FunctionalInterface
public interface PodSource {
    /** Null when the node should not run a pod by that key (any more). */
    Pod get(String key);
}
