package io.k8j.e2e;

import io.k8j.e2e.support.ClusterCaClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.RawHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubelet's port called directly (not through the API server): a CN=bob certificate of the cluster CA or a
 * service account token without rights gets kube's kubelet 403, a garbage token or no credential 401; an RBAC
 * binding on nodes/proxy lets bob read logs and exec; kubectl logs and exec through the API server still work.
 */
class KubeletApiAuthE2ETest {
    private static final String NS = "kubeletauth";
    private static final String NODE = "auth-node";
    private static final String BOB_FORBIDDEN = "Forbidden (user=bob, verb=%s, resource=nodes, subresource(s)=[proxy])\n";
    private static Path dataDir;
    private static K8jServer server;
    private static Kubectl kubectl;
    private static String kubelet;
    private static HttpClient bob;
    private static HttpClient anonymous;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-kubelet-auth-");
        server = K8jServer.start(dataDir, List.of("--node-name", NODE, "--kubelet-port", "0",
                "--container-runtime", "process", "--pod-loopback-block", "84"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        kubectl.ok("create", "namespace", NS);
        kubectl.ok("-n", NS, "run", "box", "--image=busybox", "--restart=Never", "--command", "--", "sh", "-c",
                "echo hello from box; sleep 3600");
        kubectl.ok("-n", NS, "wait", "--for=jsonpath={.status.phase}=Running", "pod/box", "--timeout=60s");
        kubelet = "127.0.0.1:" + kubectl.ok("get", "node", NODE, "-o",
                "jsonpath={.status.daemonEndpoints.kubeletEndpoint.Port}").trim();
        Path pki = dataDir.resolve("pki");
        bob = client(ClusterCaClient.issue(pki, dataDir.resolve("bob"), "/O=developers/CN=bob").tls());
        anonymous = client(RawHttps.trusting(pki.resolve("ca.crt")));
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient http, String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + kubelet + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String LOGS = "/containerLogs/" + NS + "/box/box";
    private static final String EXEC = "/exec/" + NS + "/box/box?command=echo&command=hi&stdout=1";

    @Test
    void bobIsForbiddenUntilBoundToNodesProxy() throws Exception {
        HttpResponse<String> logs = send(bob, "GET", LOGS);
        assertThat(logs.statusCode()).isEqualTo(403);
        assertThat(logs.body()).isEqualTo(BOB_FORBIDDEN.formatted("get"));
        HttpResponse<String> exec = send(bob, "POST", EXEC);
        assertThat(exec.statusCode()).isEqualTo(403);
        assertThat(exec.body()).isEqualTo(BOB_FORBIDDEN.formatted("create"));
        assertThat(execOverWebSocket(bob)).startsWith(REFUSED);

        kubectl.ok("create", "clusterrole", "node-proxy", "--verb=get,create", "--resource=nodes/proxy");
        kubectl.ok("create", "clusterrolebinding", "bob-node-proxy", "--clusterrole=node-proxy", "--user=bob");
        // the kubelet keeps a denial for 30 s, as kube's does; bounded wait
        HttpResponse<String> allowed = logs;
        for (int i = 0; i < 60 && allowed.statusCode() == 403; i++) {
            TimeUnit.SECONDS.sleep(1);
            allowed = send(bob, "GET", LOGS);
        }
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("hello from box\n");
        String out = "";
        for (int i = 0; i < 60 && (out.isEmpty() || out.startsWith(REFUSED)); i++) {
            out = execOverWebSocket(bob);
            if (out.startsWith(REFUSED)) {
                TimeUnit.SECONDS.sleep(1);
            }
        }
        assertThat(out).isEqualTo("hi\n");
    }

    private static final String REFUSED = "refused: ";

    /** What /exec writes to stdout over WebSocket v5.channel.k8s.io, or REFUSED and why the upgrade failed. */
    private static String execOverWebSocket(HttpClient http) throws Exception {
        StringBuilder stdout = new StringBuilder();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                if (data.remaining() > 0 && data.get() == 1) {
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    synchronized (stdout) {
                        stdout.append(new String(bytes));
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(null);
            }
        };
        try {
            http.newWebSocketBuilder().subprotocols("v5.channel.k8s.io").connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("wss://" + kubelet + EXEC), listener).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException refused) {
            return REFUSED + refused.getCause();
        }
        closed.get(30, TimeUnit.SECONDS);
        synchronized (stdout) {
            return stdout.toString();
        }
    }

    @Test
    void aServiceAccountTokenWithoutRightsIsForbidden() {
        kubectl.ok("-n", NS, "create", "serviceaccount", "nobody");
        String token = kubectl.ok("-n", NS, "create", "token", "nobody").trim();
        HttpResponse<String> r = send(anonymous, "GET", LOGS, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Forbidden (user=system:serviceaccount:" + NS + ":nobody, verb=get,"
                + " resource=nodes, subresource(s)=[proxy])\n");
    }

    @Test
    void aGarbageTokenOrNoCredentialIsUnauthorized() {
        HttpResponse<String> garbage = send(anonymous, "GET", LOGS, "Authorization", "Bearer not-a-token");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).isEqualTo("Unauthorized\n");
        HttpResponse<String> none = send(anonymous, "POST", EXEC);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("Unauthorized\n");
    }

    @Test
    void kubectlLogsAndExecThroughTheApiServerStillWork() {
        assertThat(kubectl.ok("-n", NS, "logs", "box")).isEqualTo("hello from box\n");
        assertThat(kubectl.ok("-n", NS, "exec", "box", "--", "echo", "hi")).isEqualTo("hi\n");
    }
}
