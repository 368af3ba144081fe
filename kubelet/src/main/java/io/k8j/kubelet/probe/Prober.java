package io.k8j.kubelet.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.ExecResult;
import io.k8j.kubelet.runtime.ExecTimeoutException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Runs one probe once, as the kubelet's prober: exec (exit code 0), httpGet against the pod IP (any
 * status 200-399, redirects not followed), tcpSocket (a connection opens). Anything else, a timeout
 * included, is a failure, with the kubelet's output for it.
 */
public final class Prober {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final ContainerRuntime runtime;

    public Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** One probe's outcome; {@code output} is what the kubelet's Unhealthy event quotes when it failed. */
    public record Result(boolean success, String output) {
    }

    public Result probe(Probe probe, Container container, String containerId, String podIp) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        try {
            if (probe.getExec() != null) {
                return execResult(probe.getExec().getCommand(), containerId, timeout);
            }
            if (probe.getHttpGet() != null) {
                return http(probe.getHttpGet(), container, podIp, timeout);
            }
            if (probe.getTcpSocket() != null) {
                return tcp(probe.getTcpSocket(), container, podIp, timeout);
            }
            return new Result(false, "missing probe handler");
        } catch (RuntimeException e) {
            return new Result(false, reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    /** As the kubelet's exec prober: the command's output, stdout then stderr. */
    private Result execResult(List<String> command, String containerId, Duration timeout) {
        try {
            ExecResult r = runtime.execSync(containerId, command, timeout);
            return new Result(r.exitCode() == 0, r.stdout() + r.stderr());
        } catch (ExecTimeoutException e) {
            return new Result(false, "command \"" + String.join(" ", command) + "\" timed out");
        }
    }

    private Result http(HTTPGetAction g, Container container, String podIp, Duration timeout) throws InterruptedException {
        try {
            int code = httpGet(g, container, podIp, timeout);
            return code >= 200 && code < 400 ? new Result(true, "")
                    : new Result(false, "HTTP probe failed with statuscode: " + code);
        } catch (IOException e) {
            return new Result(false, "Get \"" + uri(g, container, podIp) + "\": " + reason(e));
        }
    }

    private static Result tcp(TCPSocketAction t, Container container, String podIp, Duration timeout) {
        String host = t.getHost() == null || t.getHost().isEmpty() ? podIp : t.getHost();
        int port = port(t.getPort(), container);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new Result(true, "");
        } catch (IOException e) {
            return new Result(false, "dial tcp " + host + ":" + port + ": " + reason(e));
        }
    }

    /** Some JDK exceptions (e.g. HttpClient's ConnectException) carry no message: then their kind says it. */
    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Whether the container still runs: a stopped one is not probed any more (no Unhealthy event about it). */
    public boolean running(String containerId) {
        return runtime.containerStatus(containerId).map(ContainerStatus::running).orElse(false);
    }

    /** Runs an exec action (a probe's or a lifecycle hook's) in the container: true when it exits 0. */
    public boolean exec(ExecAction exec, String containerId, Duration timeout) {
        return runtime.execSync(containerId, exec.getCommand(), timeout).exitCode() == 0;
    }

    /** Sends an httpGet action (a probe's or a lifecycle hook's), by default to the pod IP; returns the status code. */
    public int httpGet(HTTPGetAction g, Container container, String podIp, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri(g, container, podIp)).timeout(timeout).header("User-Agent", "kube-probe/1.33");
        if (g.getHttpHeaders() != null) {
            g.getHttpHeaders().forEach(h -> req.header(h.getName(), h.getValue()));
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI uri(HTTPGetAction g, Container container, String podIp) {
        String host = g.getHost() == null || g.getHost().isEmpty() ? podIp : g.getHost();
        String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path = g.getPath() == null ? "/" : g.getPath();
        return URI.create(scheme + "://" + host + ":" + port(g.getPort(), container) + (path.startsWith("/") ? path : "/" + path));
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
