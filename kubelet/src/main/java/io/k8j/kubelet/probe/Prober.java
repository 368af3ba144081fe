package io.k8j.kubelet.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.k8j.kubelet.runtime.ContainerRuntime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs one probe once, as the kubelet's prober: exec (exit code 0), httpGet against the pod IP (any
 * status 200-399, redirects not followed), tcpSocket (a connection opens). Anything else, a timeout
 * included, is a failure.
 */
public final class Prober {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final ContainerRuntime runtime;

    public Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    public boolean probe(Probe probe, Container container, String containerId, String podIp) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        try {
            if (probe.getExec() != null) {
                return exec(probe.getExec(), containerId, timeout);
            }
            if (probe.getHttpGet() != null) {
                int code = httpGet(probe.getHttpGet(), container, podIp, timeout);
                return code >= 200 && code < 400;
            }
            if (probe.getTcpSocket() != null) {
                var t = probe.getTcpSocket();
                String host = t.getHost() == null || t.getHost().isEmpty() ? podIp : t.getHost();
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port(t.getPort(), container)), (int) timeout.toMillis());
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs an exec action (a probe's or a lifecycle hook's) in the container: true when it exits 0. */
    public boolean exec(ExecAction exec, String containerId, Duration timeout) {
        return runtime.execSync(containerId, exec.getCommand(), timeout).exitCode() == 0;
    }

    /** Sends an httpGet action (a probe's or a lifecycle hook's), by default to the pod IP; returns the status code. */
    public int httpGet(HTTPGetAction g, Container container, String podIp, Duration timeout)
            throws IOException, InterruptedException {
        String host = g.getHost() == null || g.getHost().isEmpty() ? podIp : g.getHost();
        String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path = g.getPath() == null ? "/" : g.getPath();
        URI uri = URI.create(scheme + "://" + host + ":" + port(g.getPort(), container) + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "kube-probe/1.33");
        if (g.getHttpHeaders() != null) {
            g.getHttpHeaders().forEach(h -> req.header(h.getName(), h.getValue()));
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A number, or the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseGet(() -> Integer.parseInt(port.getStrVal()));
    }
}
