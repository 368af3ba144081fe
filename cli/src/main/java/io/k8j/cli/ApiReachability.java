package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Asks the API server for /version once, without retries, before a component starts its informers: an
 * address where nothing listens, a certificate that does not match or credentials it refuses are then one
 * line naming the URL, not an informer's trace after fabric8's minute of retries.
 */
final class ApiReachability {
    private ApiReachability() {
    }

    static void check(Config config, String fix) {
        Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).withConnectionTimeout(10_000).build();
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(once).build()) {
            probe.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            String url = config.getMasterUrl();
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new StartupFailure("the API server at " + url + " refused the credentials (" + e.getCode() + " "
                        + e.getStatus().getReason() + "); " + fix);
            }
            String reason = networkReason(e);
            if (reason == null) {
                throw e;
            }
            throw new StartupFailure("cannot reach the API server at " + url + " (" + reason + "); " + fix);
        }
    }

    /** What went wrong on the way to the server, or null when it was not the network or TLS. */
    private static String networkReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS: " + t.getMessage();
            }
        }
        return null;
    }
}
