package io.k8j.apiserver;

import io.k8j.apiserver.registry.strategy.DefaultTolerationSeconds;
import io.k8j.storage.Storage;

import java.nio.file.Path;

/**
 * How to run an API server.
 *
 * @param storage the backend; the server puts its watch cache in front of it and closes both
 * @param port 0 picks a free port
 * @param kubeletClient the identity the server presents to kubelets (pods/log); null: no kubelet proxying
 * @param tolerationSeconds what the DefaultTolerationSeconds admission gives new pods
 */
public record ApiServerConfig(String bindAddress, int port, Path servingCert, Path servingKey, Path clientCa,
                              Storage storage, KubeletClientCert kubeletClient, DefaultTolerationSeconds tolerationSeconds) {
    public ApiServerConfig(String bindAddress, int port, Path servingCert, Path servingKey, Path clientCa,
                           Storage storage, KubeletClientCert kubeletClient) {
        this(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient, DefaultTolerationSeconds.DEFAULTS);
    }

    public ApiServerConfig withTolerationSeconds(DefaultTolerationSeconds seconds) {
        return new ApiServerConfig(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient, seconds);
    }

    /** PEM client certificate and key for the kubelets' node servers, and the CA their serving certs chain to. */
    public record KubeletClientCert(String certPem, String keyPem, String caPem) {
    }
}
