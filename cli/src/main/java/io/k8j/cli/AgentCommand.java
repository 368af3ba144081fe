package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.apiserver.pki.IssuedCert;
import io.k8j.apiserver.pki.PemChecks;
import io.k8j.apiserver.pki.SelfSignedCerts;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.kubelet.Kubelet;
import io.k8j.kubelet.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * {@code k8j agent}: a kubelet alone, joining a cluster through a kubeconfig, or with a bootstrap token
 * ({@link NodeJoin}), which gets the node a client certificate and writes that kubeconfig. A joined node gets its
 * node server's serving certificate from the cluster CA through a CSR too, and renews both before they expire
 * ({@link CertificateRotation}). Otherwise its node server needs a serving certificate from the cluster CA
 * (--tls-cert-file, --tls-private-key-file) for the API server to reach it; without one it serves with a
 * self-signed certificate, as the kubelet does, and says at start that logs and exec of its pods will fail.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run a k8j node agent (kubelet).")
final class AgentCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

    @Option(names = "--server", description = "API server URL (default: the kubeconfig's).")
    String server;

    @Option(names = "--kubeconfig", description = "Kubeconfig with the node's credentials (or join with --server and --token).")
    Path kubeconfig;

    @Option(names = "--token", description = "Bootstrap token to join with (from `k8j token create`); needs --server.")
    String token;

    @Option(names = "--ca-cert-hash", description = "sha256:<hex> of the cluster CA, for a plain <id>.<secret> --token.")
    String caCertHash;

    @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
    Path dataDir;

    @ArgGroup(exclusive = false)
    Tls tls;

    @Mixin
    KubeletOptions kubelet;

    @Mixin
    KubeProxyOptions kubeProxy;

    @Mixin
    ClusterNetworkFlags clusterNetwork;

    /** The node server's certificate: both files or neither. */
    static final class Tls {
        @Option(names = "--tls-cert-file", required = true, description = "Serving certificate of the node server (PEM), signed by the cluster CA.")
        Path cert;

        @Option(names = "--tls-private-key-file", required = true, description = "Key of the serving certificate (PEM).")
        Path key;

        IssuedCert read() {
            String certPem = InputFiles.read(cert, "--tls-cert-file");
            String keyPem = InputFiles.read(key, "--tls-private-key-file");
            if (!PemChecks.isCertificate(certPem)) {
                throw new StartupFailure("--tls-cert-file " + cert + " is not a PEM certificate");
            }
            if (!PemChecks.isPrivateKey(keyPem)) {
                throw new StartupFailure("--tls-private-key-file " + key + " is not a PEM private key");
            }
            if (!PemChecks.keyMatches(certPem, keyPem)) {
                throw new StartupFailure("--tls-private-key-file " + key + " is not the key of --tls-cert-file " + cert);
            }
            return new IssuedCert(certPem, keyPem);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = DataDirs.create(dataDir);
        DataDirLock.acquire(dir, "agent");
        kubelet.requirePortFree();
        ClusterNetwork network = clusterNetwork.network();
        String name = kubelet.nodeName();
        Config config;
        if (token != null) {
            if (kubeconfig != null || server == null) {
                throw new StartupFailure("--token joins with --server and without --kubeconfig");
            }
            kubeconfig = NodeJoin.kubeconfig(dir, server, token, caCertHash, name);
            config = InputFiles.kubeconfig(kubeconfig);
        } else if (kubeconfig == null) {
            throw new StartupFailure("give --kubeconfig, or --server and --token to join with a bootstrap token");
        } else {
            config = InputFiles.kubeconfig(kubeconfig);
            if (server != null) {
                config.setMasterUrl(server);
            }
        }
        String ca = clusterCa(config);
        boolean joined = token != null;
        IssuedCert stored = joined && tls == null ? NodeServingCertificate.stored(kubeconfig.getParent()) : null;
        IssuedCert serving = tls != null ? tls.read() : stored != null ? stored
                : SelfSignedCerts.serving(name, kubelet.servingNames(name), Duration.ofDays(365));
        ApiReachability.check(config, "check --server and --kubeconfig");
        if (joined && tls == null && stored == null) {
            LOG.info("the node server uses a self-signed certificate until its kubelet-serving CSR is signed");
        }
        if (tls == null && !joined) {
            LOG.warn("No --tls-cert-file: the node server uses a self-signed certificate, which the API server does not "
                    + "trust, so logs, exec, attach and port-forward of this node's pods fail; give it a serving "
                    + "certificate signed by the cluster CA with --tls-cert-file and --tls-private-key-file");
        }
        NodeClients clients = joined ? new NodeClients(config) : null;
        Supplier<KubernetesClient> newClient = joined ? clients::build
                : () -> new KubernetesClientBuilder().withConfig(config).build();
        KubernetesClient client = newClient.get();
        ContainerRuntime runtime = kubelet.runtime(dir, kubelet.runtimeKind(), network);
        Kubelet k = Kubelet.start(client, kubelet.config(name, dir, serving.certPem(), serving.keyPem(), ca, network),
                runtime);
        CertificateRotation rotation = new CertificateRotation();
        if (joined) {
            rotate(rotation, clients, client, config, name, k, stored);
        }
        AutoCloseable proxy = kubeProxy.start(runtime, name, network, newClient);
        AutoCloseable routes = PodRouting.start(runtime, name, network, newClient);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rotation.close();
            try {
                routes.close();
                proxy.close();
            } catch (Exception e) {
                LOG.warn("stopping the pod routes and service proxy: {}", e.toString());
            }
            k.close();
            client.close();
            stopped.countDown();
        }, "k8j-agent-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * A joined node renews its client certificate, and, unless given --tls-cert-file, gets its serving certificate
     * from the cluster CA now (it serves with a self-signed one until then) or renews the one stored earlier.
     */
    private void rotate(CertificateRotation rotation, NodeClients clients, KubernetesClient client, Config config,
                        String name, Kubelet k, IssuedCert storedServing) throws Exception {
        rotation.keep(new NodeClientCertificate(kubeconfig, config, name, clients, client),
                NodeCertificate.of(config).rotationDeadline(ThreadLocalRandom.current()));
        if (tls == null) {
            rotation.keep(new NodeServingCertificate(kubeconfig.getParent(), name, kubelet.addresses(name), client, k),
                    storedServing == null ? Instant.EPOCH
                            : NodeCertificate.of(storedServing.certPem()).rotationDeadline(ThreadLocalRandom.current()));
        }
    }

    /** The CA callers of the node server must be signed by: the cluster's, from the kubeconfig. */
    private String clusterCa(Config config) {
        String ca = InputFiles.caPem(config);
        if (ca == null) {
            throw new StartupFailure(kubeconfig + " names no certificate authority; the node server needs the cluster CA "
                    + "to check who calls it");
        }
        return ca;
    }
}
