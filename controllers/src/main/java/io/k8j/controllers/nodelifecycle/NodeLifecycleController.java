package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;

/**
 * Watches nodes and their kube-node-lease Leases: a node silent for the grace period gets its conditions
 * set Unknown, its pods marked not ready and the unreachable taints; a node reporting Ready=False gets the
 * not-ready taints; both go once it is healthy again. Every node is re-checked each monitor period, since
 * silence sends no event. Evicting the pods is {@link TaintEvictionController}'s part.
 */
public final class NodeLifecycleController implements Controller {
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final NodeMonitorTimings timings;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;

    public NodeLifecycleController(KubernetesClient client, SharedInformers informers, NodeMonitorTimings timings, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.timings = timings;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<Node> nodes = informers.of(Node.class);
        SharedIndexInformer<Lease> leases = informers.of(Lease.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        nodes.addEventHandler(new EnqueueByKey<>(queue));
        leases.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                enqueue(lease);
            }

            @Override
            public void onUpdate(Lease old, Lease lease) {
                enqueue(lease);
            }

            @Override
            public void onDelete(Lease lease, boolean finalStateUnknown) {
                enqueue(lease);
            }
        });
        NodeHealthSync sync = new NodeHealthSync(client, nodes.getIndexer(), leases.getIndexer(), pods.getIndexer(),
                new EventRecorder(client, "node-controller", clock), timings, clock);
        loop = new ControllerLoop("node-lifecycle-controller", queue, sync::reconcile, 1);
        informers.start(Node.class, Lease.class, Pod.class);
        loop.start();
    }

    /** A node's heartbeat Lease has the node's name. */
    private void enqueue(Lease lease) {
        if (LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())) {
            queue.add(lease.getMetadata().getName());
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
