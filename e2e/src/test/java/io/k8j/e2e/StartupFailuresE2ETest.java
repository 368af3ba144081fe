package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.K8jServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code k8j server} that cannot do what was asked ends at once with exit code 1 and one line on stderr
 * naming the cause and what to do; a bad flag value is refused while parsing (exit code 2). Never a stack
 * trace, never a server that says it is ready without its node.
 */
class StartupFailuresE2ETest {
    private Path dataDir;

    @BeforeEach
    void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("k8j-e2e-startup-");
    }

    @AfterEach
    void cleanUp() {
        K8jServer.deleteTree(dataDir);
    }

    private K8jCommand server(String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("server", "--data-dir", dataDir.toString(), "--bind-address", "127.0.0.1",
                "--https-listen-port", Integer.toString(K8jServer.freePort()), "--node-name", "startup-node"));
        args.addAll(List.of(flags));
        return K8jCommand.run(args.toArray(String[]::new));
    }

    private static void assertOneLineFailure(K8jCommand run, String line) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly(line);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aBusyKubeletPortEndsTheServerBeforeReady() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            K8jCommand run = server("--kubelet-port", Integer.toString(port));

            assertOneLineFailure(run, "k8j: kubelet port " + port
                    + " is in use (another k8j or kubelet?); choose another with --kubelet-port");
        }
    }

    @Test
    void aBusyApiPortNamesItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            K8jCommand run = K8jCommand.run("server", "--data-dir", dataDir.toString(), "--bind-address", "127.0.0.1",
                    "--https-listen-port", Integer.toString(port), "--disable-agent");

            assertOneLineFailure(run, "k8j: API server port " + port
                    + " is in use (another k8j or kube-apiserver?); choose another with --https-listen-port");
        }
    }

    @Test
    void aBusyClusterDnsPortNamesItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            K8jCommand run = server("--disable-agent", "--cluster-dns-bind-address", "127.0.0.1",
                    "--cluster-dns-port", Integer.toString(port));

            assertOneLineFailure(run, "k8j: cluster DNS port " + port
                    + " is in use (another k8j or a DNS server?); choose another with --cluster-dns-port (or --disable-dns)");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefused() throws Exception {
        try (K8jServer first = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY))) {
            K8jCommand second = server("--disable-agent");

            assertOneLineFailure(second, "k8j: " + dataDir.toAbsolutePath() + " is in use by another k8j server (pid "
                    + first.pid() + "); stop it or choose another --data-dir");
        }
    }

    @Test
    void aDataDirThatCannotBeMadeNamesTheFileInTheWay() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "not a directory");

        K8jCommand run = K8jCommand.run("server", "--data-dir", file.resolve("state").toString());

        assertOneLineFailure(run, "k8j: cannot create data dir " + file.resolve("state") + " (" + file.resolve("state")
                + ": Not a directory); choose another with --data-dir");
    }

    @Test
    void aDamagedCaCertificateNamesTheFile() throws Exception {
        try (K8jServer first = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY))) {
            first.stop();
        }
        Path pki = dataDir.toAbsolutePath().resolve("pki");
        Files.writeString(pki.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\ntruncated");

        K8jCommand run = server("--disable-agent");

        assertOneLineFailure(run, "k8j: cluster CA " + pki.resolve("ca.crt") + ": is not a PEM certificate; restore ca.crt "
                + "and ca.key from a backup, or move " + pki + " away to make a new CA (every kubeconfig and node must "
                + "then get the new one)");
    }

    /** A kubeconfig for an API server that is not there; its CA is any certificate. */
    private Path kubeconfigFor(String url) throws IOException {
        return Files.writeString(dataDir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                users: [{name: u, user: {}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(url, Base64.getEncoder().encodeToString("not checked here".getBytes())));
    }

    @Test
    void anAgentWhoseApiServerIsNotThereSaysSo() throws Exception {
        String url = "https://127.0.0.1:" + K8jServer.freePort();

        K8jCommand run = K8jCommand.run("agent", "--kubeconfig", kubeconfigFor(url).toString(),
                "--data-dir", dataDir.resolve("agent").toString(), "--kubelet-port", "0");

        assertOneLineFailure(run, "k8j: cannot reach the API server at " + url + "/ (connection refused); "
                + "check --server and --kubeconfig");
    }

    @Test
    void anAgentWithADamagedServingCertificateNamesTheFile() throws Exception {
        Path cert = Files.writeString(dataDir.resolve("kubelet.crt"), "-----BEGIN CERTIFICATE-----\ntruncated");

        K8jCommand run = K8jCommand.run("agent", "--kubeconfig", kubeconfigFor("https://127.0.0.1:1").toString(),
                "--data-dir", dataDir.resolve("agent").toString(), "--kubelet-port", "0",
                "--tls-cert-file", cert.toString(), "--tls-private-key-file", cert.toString());

        assertOneLineFailure(run, "k8j: --tls-cert-file " + cert + " is not a PEM certificate");
    }

    @Test
    void aBadFlagValueIsRefusedWhileParsing() throws Exception {
        K8jCommand run = server("--container-runtime", "docker");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).containsExactly(
                "Invalid value for option '--container-runtime': expected one of [containerd, process, simulated] but was 'docker'",
                "Try 'k8j server --help' for more information.");
        assertThat(dataDir).isEmptyDirectory(); // refused before anything started
    }

    @Test
    void clusterAndServiceRangesThatCannotWorkAreRefusedBeforeAnythingStarts() throws Exception {
        assertOneLineFailure(server("--service-cidr", "10.96.0.0/8"),
                "k8j: --service-cidr 10.0.0.0/8 must have a prefix length from /12 to /28");
        assertOneLineFailure(server("--cluster-cidr", "10.0.0.0/8", "--service-cidr", "10.96.0.0/16"),
                "k8j: --cluster-cidr 10.0.0.0/8 and --service-cidr 10.96.0.0/16 overlap");
        assertOneLineFailure(server("--cluster-cidr", "10.244.0.0/16", "--node-cidr-mask-size", "12"),
                "k8j: --node-cidr-mask-size 12 must be between the cluster CIDR's prefix (/16) and 32");
        assertThat(dataDir).isEmptyDirectory();

        K8jCommand ipv6 = server("--cluster-cidr", "fd00::/48");
        assertThat(ipv6.exitCode()).isEqualTo(2);
        assertThat(ipv6.stderrLines()).first().isEqualTo(
                "Invalid value for option '--cluster-cidr': 'fd00::/48' is not an IPv4 CIDR (a.b.c.d/n)");
    }

    @Test
    void versionNamesTheCommit() {
        K8jCommand run = K8jCommand.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("k8j version v\\d+\\.\\d+\\.\\d+\\S* \\([0-9a-f]{8}(-dirty)?\\)"),
                line -> assertThat(line).matches("kubernetes API v1\\.\\d+"),
                line -> assertThat(line).startsWith("java version " + Runtime.version().feature()));
        assertThat(run.stderr()).isEmpty();
    }
}
