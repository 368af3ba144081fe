package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.kubelet.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Hands the runtime its node's spec.podCIDR, as kube's kubelet does (UpdatePodCIDR), once the node IPAM
 * controller has assigned it: run every second until then. Until it is there, sandboxes get no network and
 * their pods wait; past {@link #PATIENCE} that is said once as a warning (with what to check), and the wait goes on.
 */
final class PodCidrWait implements Runnable {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PodCidrWait.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final ContainerRuntime runtime;
    private final Clock clock;
    private Instant since;
    private boolean warned;
    private boolean done;

    PodCidrWait(KubernetesClient client, String nodeName, ContainerRuntime runtime, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public void run() {
        if (done) {
            return;
        }
        Node node = client.nodes().withName(nodeName).get();
        String cidr = node == null || node.getSpec() == null ? null : node.getSpec().getPodCIDR();
        if (cidr == null || cidr.isEmpty()) {
            if (since == null) {
                since = clock.instant();
                LOG.info("kubelet: waiting for node {}'s spec.podCIDR (from the node IPAM controller) before pods get "
                        + "addresses", nodeName);
            } else if (!warned && Duration.between(since, clock.instant()).compareTo(PATIENCE) >= 0) {
                warned = true;
                LOG.warn("kubelet: node {} has had no spec.podCIDR for {} s: its pods cannot start until it has one; is a "
                        + "controller manager running, with a --cluster-cidr that has room for this node?", nodeName,
                        PATIENCE.toSeconds());
            }
            return;
        }
        runtime.updatePodCidr(cidr);
        done = true;
        LOG.info("kubelet: node {} has pod CIDR {}; pods get addresses from it", nodeName, cidr);
    }
}
