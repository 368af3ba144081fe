package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Labels the server's own node {@code node-role.kubernetes.io/control-plane} once its kubelet has registered it,
 * as kubeadm and k3s do with control-plane credentials: NodeRestriction forbids a kubelet to set node-role labels.
 */
final class ControlPlaneLabel {
    static final String LABEL = "node-role.kubernetes.io/control-plane";
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneLabel.class);

    private ControlPlaneLabel() {
    }

    /** Polls each second until the node exists and carries the label; closing stops it. */
    static AutoCloseable start(KubernetesClient client, String node) {
        Thread labeller = Thread.ofVirtual().name("control-plane-label").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (labelled(client, node)) {
                        return;
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            labeller.interrupt();
            client.close();
        };
    }

    private static boolean labelled(KubernetesClient client, String node) {
        try {
            Node current = client.nodes().withName(node).get();
            if (current == null) {
                return false;
            }
            if (!"true".equals(current.getMetadata().getLabels().get(LABEL))) {
                client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"" + LABEL + "\":\"true\"}}}");
            }
            return true;
        } catch (KubernetesClientException e) {
            LOG.debug("labelling node {}: {}", node, e.getMessage());
            return false;
        }
    }
}
