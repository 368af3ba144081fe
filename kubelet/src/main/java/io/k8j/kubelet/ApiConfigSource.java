package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.kubelet.pod.ConfigSource;

/** ConfigMaps, Secrets, claims and volumes read from the API when a pod needs them (kube's "Get" change-detection strategy). */
public final class ApiConfigSource implements ConfigSource {
    private final KubernetesClient client;

    public ApiConfigSource(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ConfigMap configMap(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    @Override
    public Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    @Override
    public PersistentVolumeClaim claim(String namespace, String name) {
        return client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    }

    @Override
    public PersistentVolume volume(String name) {
        return client.persistentVolumes().withName(name).get();
    }
}
