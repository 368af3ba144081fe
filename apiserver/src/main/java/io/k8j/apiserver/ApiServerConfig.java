package io.k8j.apiserver;

import io.k8j.apiserver.audit.Auditor;
import io.k8j.apiserver.authn.AuthenticationOptions;
import io.k8j.apiserver.http.HttpComponents;
import io.k8j.apiserver.registry.strategy.DefaultTolerationSeconds;
import io.k8j.apiserver.registry.strategy.ServiceAllocator;
import io.k8j.storage.Storage;

import java.nio.file.Path;

/**
 * How to run an API server.
 *
 * @param storage the backend; the server puts its watch cache in front of it and closes both
 * @param port 0 picks a free port
 * @param kubeletClient the identity the server presents to kubelets (pods/log); null: no kubelet proxying
 * @param authentication service account keys and token options; requests are always authenticated
 * @param tolerationSeconds what the DefaultTolerationSeconds admission gives new pods
 * @param minRequestTimeoutSeconds kube's --min-request-timeout: a watch without timeoutSeconds lasts this long
 *                                 times a random factor in [1, 2)
 * @param auditor writes audit events as its policy asks; null: no audit log
 * @param serviceCidr kube's --service-cluster-ip-range: where ClusterIPs come from; the kubernetes Service has its
 *                    first address
 */
public record ApiServerConfig(String bindAddress, int port, Path servingCert, Path servingKey, Path clientCa,
                              Storage storage, KubeletClientCert kubeletClient, AuthenticationOptions authentication,
                              DefaultTolerationSeconds tolerationSeconds, long minRequestTimeoutSeconds, Auditor auditor,
                              String serviceCidr) {
    public ApiServerConfig(String bindAddress, int port, Path servingCert, Path servingKey, Path clientCa,
                           Storage storage, KubeletClientCert kubeletClient, AuthenticationOptions authentication) {
        this(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient, authentication,
                DefaultTolerationSeconds.DEFAULTS, HttpComponents.MIN_REQUEST_TIMEOUT, null,
                ServiceAllocator.DEFAULT_SERVICE_CIDR);
    }

    public ApiServerConfig withTolerationSeconds(DefaultTolerationSeconds seconds) {
        return new ApiServerConfig(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient,
                authentication, seconds, minRequestTimeoutSeconds, auditor, serviceCidr);
    }

    public ApiServerConfig withMinRequestTimeout(long seconds) {
        return new ApiServerConfig(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient,
                authentication, tolerationSeconds, seconds, auditor, serviceCidr);
    }

    public ApiServerConfig withAuditor(Auditor auditor) {
        return new ApiServerConfig(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient,
                authentication, tolerationSeconds, minRequestTimeoutSeconds, auditor, serviceCidr);
    }

    public ApiServerConfig withServiceCidr(String cidr) {
        return new ApiServerConfig(bindAddress, port, servingCert, servingKey, clientCa, storage, kubeletClient,
                authentication, tolerationSeconds, minRequestTimeoutSeconds, auditor, cidr);
    }

    /** PEM client certificate and key for the kubelets' node servers, and the CA their serving certs chain to. */
    public record KubeletClientCert(String certPem, String keyPem, String caPem) {
    }
}
