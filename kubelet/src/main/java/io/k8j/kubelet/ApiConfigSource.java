package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.kubelet.pod.ConfigSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * ConfigMaps, Secrets, claims and volumes read from the API when a pod needs them (kube's "Get" change-detection
 * strategy), service account tokens through TokenRequest, and the API server's address for pods.
 */
public final class ApiConfigSource implements ConfigSource {
    private final KubernetesClient client;
    private final boolean clusterIps;
    private final boolean serviceEnv;
    private volatile HostPort apiServer;

    /**
     * {@code clusterIps}: pods reach service cluster IPs, so they get the {@code kubernetes} service's; otherwise
     * (host processes, no service proxy) they get the address this kubelet itself reaches the API server at.
     */
    public ApiConfigSource(KubernetesClient client, boolean clusterIps) {
        this(client, clusterIps, clusterIps);
    }

    /** {@code serviceEnv}: whether containers get Service environment variables, which costs a list per container. */
    public ApiConfigSource(KubernetesClient client, boolean clusterIps, boolean serviceEnv) {
        this.client = client;
        this.clusterIps = clusterIps;
        this.serviceEnv = serviceEnv;
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

    @Override
    public TokenRequest serviceAccountToken(String namespace, String serviceAccount, TokenRequest request) {
        return client.serviceAccounts().inNamespace(namespace).withName(serviceAccount).tokenRequest(request);
    }

    @Override
    public List<Service> services(String namespace) {
        if (!serviceEnv) {
            return List.of();
        }
        List<Service> services = new ArrayList<>(client.services().inNamespace(namespace).list().getItems());
        if (!namespace.equals("default")) {
            Service master = client.services().inNamespace("default").withName("kubernetes").get();
            if (master != null) {
                services.add(master);
            }
        }
        return services;
    }

    /** Read once: a Service's cluster IP is immutable, and the kubelet's own server URL does not change. */
    @Override
    public HostPort apiServer() {
        HostPort known = apiServer;
        if (known != null) {
            return known;
        }
        if (!clusterIps) {
            URI url = URI.create(client.getConfiguration().getMasterUrl());
            known = new HostPort(url.getHost(), url.getPort() < 0 ? 443 : url.getPort());
        } else {
            Service svc = client.services().inNamespace("default").withName("kubernetes").get();
            if (svc == null || svc.getSpec().getClusterIP() == null || svc.getSpec().getPorts().isEmpty()) {
                return null;
            }
            known = new HostPort(svc.getSpec().getClusterIP(), svc.getSpec().getPorts().get(0).getPort());
        }
        apiServer = known;
        return known;
    }
}
