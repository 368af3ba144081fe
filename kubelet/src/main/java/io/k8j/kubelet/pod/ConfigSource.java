package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;

import java.util.List;

/** Where the kubelet reads the objects a pod refers to (the API, or a test's map). Each returns null when absent. */
public interface ConfigSource {
    ConfigMap configMap(String namespace, String name);

    Secret secret(String namespace, String name);

    /** A persistentVolumeClaim volume's claim; none unless the source serves claims. */
    default PersistentVolumeClaim claim(String namespace, String name) {
        return null;
    }

    /** The volume a claim is bound to; none unless the source serves volumes. */
    default PersistentVolume volume(String name) {
        return null;
    }

    /** A token for the service account (its TokenRequest subresource); none unless the source issues tokens. */
    default TokenRequest serviceAccountToken(String namespace, String serviceAccount, TokenRequest request) {
        return null;
    }

    /** Where pods reach the API server (KUBERNETES_SERVICE_HOST and _PORT), or null when unknown. */
    default HostPort apiServer() {
        return null;
    }

    /**
     * The Services a pod's containers get environment variables of (the pod's namespace and the default one), or
     * none where pods cannot reach cluster IPs.
     */
    default List<Service> services(String namespace) {
        return List.of();
    }

    /** An address and port. */
    record HostPort(String host, int port) {
    }
}
