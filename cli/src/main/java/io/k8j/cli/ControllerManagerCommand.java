package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.LeaderElection;
import io.k8j.controllers.ControllerManager;
import io.k8j.controllers.ControllerManagerOptions;
import io.k8j.controllers.csrsigning.CertificateSigner;
import io.k8j.controllers.nodeipam.NodeIpamOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code k8j controller-manager}: the control loops alone, against any API server, leader-elected. */
@Command(name = "controller-manager", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run the k8j controllers against an API server.")
final class ControllerManagerCommand implements Callable<Integer> {
    @Mixin
    StandaloneFlags flags;

    @Option(names = "--default-local-storage-path", description = "Where local-path volumes live on each node (default: DATA_DIR/storage).")
    Path localStoragePath;

    @Mixin
    NodeMonitorFlags nodeMonitor;

    @Mixin
    PodGcFlags podGc;

    @Mixin
    ClusterSigningFlags clusterSigning;

    @Option(names = "--root-ca-file",
            description = "CA bundle published in every namespace as the kube-root-ca.crt ConfigMap (default: none).")
    Path rootCaFile;

    @ArgGroup(exclusive = false)
    ClusterSigning signing;

    @Option(names = "--allocate-node-cidrs",
            description = "Give each node a pod CIDR from --cluster-cidr (spec.podCIDR), as k8j's pod network needs.")
    boolean allocateNodeCidrs;

    @Mixin
    ClusterNetworkFlags clusterNetwork;

    @Mixin
    NodeIpamFlags nodeIpam;

    /** The CA that signs approved CSRs: both files or neither (then no csrsigning controller runs). */
    static final class ClusterSigning {
        @Option(names = "--cluster-signing-cert-file", required = true,
                description = "PEM CA certificate that signs approved CertificateSigningRequests.")
        Path cert;

        @Option(names = "--cluster-signing-key-file", required = true,
                description = "PEM private key of --cluster-signing-cert-file.")
        Path key;

        CertificateSigner signer() {
            try {
                return CertificateSigner.of(InputFiles.read(cert, "--cluster-signing-cert-file"),
                        InputFiles.read(key, "--cluster-signing-key-file"));
            } catch (IllegalArgumentException e) {
                throw new StartupFailure(e.getMessage() + " (--cluster-signing-cert-file " + cert
                        + ", --cluster-signing-key-file " + key + ")");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeIpamOptions ipam = allocateNodeCidrs ? nodeIpam.options(clusterNetwork.network().clusterCidr()) : null;
        KubernetesClient client = StandaloneComponent.client(flags.kubeconfig);
        ControllerManagerOptions options = new ControllerManagerOptions(
                localStoragePath != null ? localStoragePath : DataDirs.resolve(null).resolve("storage"),
                nodeMonitor.timings(), podGc.terminatedPodGcThreshold,
                rootCaFile == null ? null : Files.readString(rootCaFile), signing == null ? null : signing.signer(),
                clusterSigning.duration, ipam);
        Reelecting manager = Reelecting.start("controller manager", () -> ControllerManager.start(client,
                LeaderElection.defaultIdentity(), flags.timings(), options));
        StandaloneComponent.runUntilTerminated(() -> {
            manager.close();
            client.close();
        });
        return 0;
    }
}
