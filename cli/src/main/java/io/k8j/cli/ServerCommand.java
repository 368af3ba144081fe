package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.apiserver.ApiServer;
import io.k8j.apiserver.ApiServerConfig;
import io.k8j.apiserver.audit.Auditor;
import io.k8j.apiserver.encryption.EncryptionAtRest;
import io.k8j.apiserver.pki.ClusterPki;
import io.k8j.apiserver.registry.strategy.DefaultTolerationSeconds;
import io.k8j.apiserver.pki.IssuedCert;
import io.k8j.apiserver.pki.Kubeconfig;
import io.k8j.apiserver.pki.UnusableCaException;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.controllers.ControllerManager;
import io.k8j.controllers.ControllerManagerOptions;
import io.k8j.controllers.csrsigning.CertificateSigner;
import io.k8j.controllers.nodeipam.NodeIpamOptions;
import io.k8j.dns.ClusterDns;
import io.k8j.dns.ClusterDnsConfig;
import io.k8j.kubelet.Kubelet;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.scheduler.Scheduler;
import io.k8j.scheduler.SchedulerOptions;
import io.k8j.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** {@code k8j server}: the control plane on this machine, with k3s's flags and defaults. */
@Command(name = "server", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run the k8j control plane.")
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
    Path dataDir;

    @Option(names = "--https-listen-port", defaultValue = "6443", converter = FlagValues.Port.class,
            description = "HTTPS port of the API server (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind-address", defaultValue = "0.0.0.0", converter = FlagValues.IpAddress.class,
            description = "Address the API server binds (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = {"--write-kubeconfig", "-o"}, description = "Where to write the admin kubeconfig (default: DATA_DIR/kubeconfig).")
    Path kubeconfig;

    @Option(names = "--datastore-endpoint", converter = Datastores.Endpoint.class,
            description = "etcd endpoints (http[s]://host:2379,...); empty for embedded SQLite.")
    String datastoreEndpoint;

    @Option(names = "--encryption-provider-config",
            description = "EncryptionConfiguration (apiserver.config.k8s.io/v1: aescbc, aesgcm, secretbox, identity) for "
                    + "resources at rest, re-read when it changes (default: DATA_DIR/cred/encryption-config.yaml if it exists).")
    Path encryptionProviderConfig;

    @Option(names = "--default-local-storage-path", description = "Where local-path volumes live on each node (default: DATA_DIR/storage).")
    Path localStoragePath;

    @Option(names = "--disable-agent", description = "Do not run a kubelet for this machine's node.")
    boolean disableAgent;

    @Option(names = "--disable-scheduler", description = "Do not run the scheduler (run `k8j scheduler` elsewhere).")
    boolean disableScheduler;

    @Option(names = "--disable-controller-manager",
            description = "Do not run the controllers (run `k8j controller-manager` elsewhere).")
    boolean disableControllerManager;

    @Option(names = "--default-not-ready-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the not-ready:NoExecute toleration new pods get (default: ${DEFAULT-VALUE}).")
    long notReadyTolerationSeconds;

    @Option(names = "--default-unreachable-toleration-seconds", defaultValue = "300",
            description = "tolerationSeconds of the unreachable:NoExecute toleration new pods get (default: ${DEFAULT-VALUE}).")
    long unreachableTolerationSeconds;

    @Mixin
    NodeMonitorFlags nodeMonitor;

    @Mixin
    PodGcFlags podGc;

    @Mixin
    ClusterSigningFlags clusterSigning;

    @Mixin
    KubeletOptions kubelet;

    @Mixin
    KubeProxyOptions kubeProxy;

    @Mixin
    AuthenticationFlags authentication;

    @Mixin
    ClusterDnsFlags dns;

    @Mixin
    AuditFlags audit;

    @Mixin
    ClusterNetworkFlags clusterNetwork;

    @Mixin
    NodeIpamFlags nodeIpam;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ClusterNetwork network = clusterNetwork.network();
        NodeIpamOptions ipam = nodeIpam.options(network.clusterCidr());
        Path dir = DataDirs.create(dataDir);
        DataDirLock.acquire(dir, "server");
        Ports.requireFree(bindAddress, port,
                new Ports.Listener("API server", "kube-apiserver", "--https-listen-port", "--bind-address"));
        if (!disableAgent) {
            kubelet.requirePortFree();
        }
        KubeletOptions.RuntimeKind runtime = disableAgent ? null : kubelet.runtimeKind();
        ClusterDnsConfig dnsConfig = dns.disabled ? null : dns.config(kubelet, runtime == KubeletOptions.RuntimeKind.CONTAINERD, network);
        if (dnsConfig != null) {
            ClusterDnsFlags.requirePortFree(dnsConfig);
        }
        String hostname = InetAddress.getLocalHost().getHostName();
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", network.kubernetesServiceIp()));
        if (!bindAddress.equals("0.0.0.0") && !ips.contains(bindAddress)) {
            ips.add(bindAddress);
        }
        EncryptionAtRest encryption = EncryptionConfigs.load(EncryptionConfigs.resolve(encryptionProviderConfig, dir));
        Auditor auditor = audit.auditor();
        ClusterPki pki = loadPki(dir.resolve("pki"), hostname, ips);
        Storage storage = EncryptionConfigs.wrap(Datastores.open(datastoreEndpoint, dir), encryption);
        // The API server's identity towards kubelets, for pods/log (kube's --kubelet-client-certificate).
        IssuedCert toKubelets = pki.issueClientCert("kube-apiserver-kubelet-client", List.of("system:masters"), Duration.ofDays(365));
        ApiServer server = ApiServer.start(new ApiServerConfig(bindAddress, port, pki.servingCertFile(),
                pki.servingKeyFile(), pki.caCertFile(), storage, new ApiServerConfig.KubeletClientCert(
                        toKubelets.certPem(), toKubelets.keyPem(), pki.caCertPem()), authentication.options(dir.resolve("pki")))
                .withTolerationSeconds(new DefaultTolerationSeconds(notReadyTolerationSeconds, unreachableTolerationSeconds))
                .withMinRequestTimeout(authentication.minRequestTimeout).withAuditor(auditor)
                .withServiceCidr(network.serviceCidr().toString()));
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
        Path kubeconfigFile = kubeconfig != null ? kubeconfig : dir.resolve("kubeconfig");
        Kubeconfig.write(kubeconfigFile, "https://" + host + ":" + server.port(), pki.caCertPem(),
                pki.adminCertPem(), pki.adminKeyPem(), "default");
        LOG.info("Wrote kubeconfig {}", kubeconfigFile);
        ReadyCheck.await(kubeconfigFile);
        LOG.info("k8j is ready: API at https://{}:{} ({} ms)", host, server.port(), (System.nanoTime() - started) / 1_000_000);
        String url = "https://" + host + ":" + server.port();
        Components components = new Components(failure -> {
            Main.fail(failure);
            System.exit(1);
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            components.close();
            server.close();
            stopped.countDown();
        }, "k8j-shutdown"));
        if (!disableControllerManager) {
            ControllerManagerOptions options = new ControllerManagerOptions(
                    localStoragePath != null ? localStoragePath : dir.resolve("storage"), nodeMonitor.timings(),
                    podGc.terminatedPodGcThreshold, pki.caCertPem(),
                    CertificateSigner.of(pki.caCertPem(), InputFiles.read(pki.caKeyFile(), "the cluster CA key")),
                    clusterSigning.duration, ipam);
            components.start("controller manager", () -> Reelecting.start("controller manager", () -> ControllerManager.start(
                    ComponentClients.config(pki, url, "system:kube-controller-manager", List.of()), options)));
        }
        if (!disableScheduler) {
            components.start("scheduler", () -> {
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(ComponentClients.config(pki, url, "system:kube-scheduler", List.of())).build();
                Reelecting scheduler = Reelecting.start("scheduler", () -> Scheduler.start(client, SchedulerOptions.defaults()));
                return () -> {
                    scheduler.close();
                    client.close();
                };
            });
        }
        if (dnsConfig != null) {
            components.start("cluster DNS", () -> {
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(ComponentClients.config(pki, url, "system:k8j-dns", List.of())).build();
                ClusterDns clusterDns = ClusterDns.start(client, dnsConfig);
                return () -> {
                    clusterDns.close();
                    client.close();
                };
            });
        }
        if (!disableAgent) {
            components.start("kubelet", () -> startKubelet(pki, dir, url, runtime, network));
        }
        stopped.await();
        return 0;
    }

    private static ClusterPki loadPki(Path dir, String hostname, List<String> ips) {
        try {
            return ClusterPki.loadOrCreate(dir, List.of(hostname), ips);
        } catch (UnusableCaException e) {
            throw new StartupFailure("cluster CA " + e.getMessage() + "; restore ca.crt and ca.key from a backup, or move "
                    + dir + " away to make a new CA (every kubeconfig and node must then get the new one)");
        }
    }

    /** This machine's node: schedulable (as k3s) unless --node-taint says otherwise, labelled control-plane; its proxy beside it. */
    private AutoCloseable startKubelet(ClusterPki pki, Path dir, String url, KubeletOptions.RuntimeKind kind,
                                       ClusterNetwork network) throws Exception {
        String name = kubelet.nodeName();
        IssuedCert serving = pki.issueServingCert("system:node:" + name, kubelet.servingNames(name), Duration.ofDays(365));
        ContainerRuntime runtime = kubelet.runtime(dir, kind, network);
        Supplier<KubernetesClient> nodeClients = () -> new KubernetesClientBuilder().withConfig(ComponentClients.config(pki,
                url, "system:node:" + name, List.of("system:nodes"))).build();
        Kubelet node = Kubelet.start(nodeClients.get(),
                kubelet.config(name, dir, serving.certPem(), serving.keyPem(), pki.caCertPem(), network), runtime);
        AutoCloseable proxy = kubeProxy.start(runtime, name, network, () -> new KubernetesClientBuilder()
                .withConfig(ComponentClients.config(pki, url, "system:kube-proxy", List.of())).build());
        AutoCloseable routes = PodRouting.start(runtime, name, network, nodeClients);
        AutoCloseable label = ControlPlaneLabel.start(new KubernetesClientBuilder().withConfig(
                ComponentClients.config(pki, url, "system:kube-controller-manager", List.of())).build(), name);
        return () -> {
            label.close();
            routes.close();
            proxy.close();
            node.close();
        };
    }
}
