package io.k8j.controllers;

import io.k8j.controllers.csrsigning.CertificateSigner;
import io.k8j.controllers.nodeipam.NodeIpamOptions;
import io.k8j.controllers.nodelifecycle.NodeMonitorTimings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the controllers take from the command line.
 *
 * @param localStorage where the local-path provisioner puts volumes on every node (k3s: DATA_DIR/storage)
 * @param nodeMonitor  how long a node may stay silent, and how often the node lifecycle controller looks
 * @param terminatedPodGcThreshold how many terminated pods may exist before PodGC deletes the oldest (0: no limit)
 * @param rootCa       PEM CA bundle that verifies the API server (kube's --root-ca-file), published in every
 *                     namespace as kube-root-ca.crt; null leaves the publisher off
 * @param clusterSigner the CA that signs approved CSRs of kube's built-in signers (kube's --cluster-signing-cert-file
 *                      and --cluster-signing-key-file); null leaves the csrsigning controller off
 * @param clusterSigningDuration the longest and default validity of the certificates it signs (kube's
 *                               --cluster-signing-duration)
 * @param nodeIpam     where nodes' pod CIDRs come from (kube's --allocate-node-cidrs with --cluster-cidr); null
 *                     leaves the node IPAM controller off
 */
public record ControllerManagerOptions(Path localStorage, NodeMonitorTimings nodeMonitor, int terminatedPodGcThreshold,
                                       String rootCa, CertificateSigner clusterSigner, Duration clusterSigningDuration,
                                       NodeIpamOptions nodeIpam) {
}
