package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

/** Where the kubelet reads the ConfigMaps and Secrets a pod refers to (the API, or a test's map). */
public interface ConfigSource {
    /** Null when absent. */
    ConfigMap configMap(String namespace, String name);

    /** Null when absent. */
    Secret secret(String namespace, String name);
}
