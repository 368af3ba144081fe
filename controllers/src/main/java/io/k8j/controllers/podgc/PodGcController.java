package io.k8j.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;

/**
 * kube's pod garbage collector (PodGC): removes pods no kubelet will ever finish (bound to a node that no longer
 * exists, deleted before being scheduled, deleted on an out-of-service node) and terminated pods beyond
 * {@code --terminated-pod-gc-threshold}. A node's deletion queues its check at once (after the quarantine), rather
 * than waiting for the next sweep.
 */
public final class PodGcController implements Controller {
    /** kube-controller-manager's default --terminated-pod-gc-threshold. */
    public static final int DEFAULT_TERMINATED_THRESHOLD = 12500;

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final int terminatedThreshold;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;

    public PodGcController(KubernetesClient client, SharedInformers informers, int terminatedThreshold, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.terminatedThreshold = terminatedThreshold;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<Node> nodes = informers.of(Node.class);
        PodGcSync sync = new PodGcSync(client, pods.getIndexer(), nodes.getIndexer(), queue, terminatedThreshold, clock);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
            }

            @Override
            public void onUpdate(Node old, Node node) {
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                sync.suspect(node.getMetadata().getName());
            }
        });
        loop = new ControllerLoop("pod-garbage-collector", queue, sync::reconcile, 1);
        informers.start(Pod.class, Node.class);
        queue.add(PodGcSync.SWEEP);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
