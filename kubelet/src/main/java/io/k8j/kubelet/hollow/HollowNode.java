package io.k8j.kubelet.hollow;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.k8j.client.Reconciler;
import io.k8j.kubelet.NodeLease;
import io.k8j.kubelet.NodeStatusReporter;
import io.k8j.kubelet.pod.PodSync;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;

import java.time.Clock;
import java.time.Instant;

/**
 * One simulated kubelet, as little as it can be: its Node's registration and status, its Lease, and the
 * pod sync over its own simulated runtime. It has no informer, thread or server of its own: {@link HollowNodes}
 * feeds it its pods and calls {@link #heartbeat()}, one call at a time.
 */
final class HollowNode {
    private final String name;
    private final SimulatedRuntime runtime;
    private final PodSync sync;
    private final NodeStatusReporter reporter;
    private final NodeLease lease;
    private final Clock clock;
    private final HollowNodesConfig config;
    /** Name and uid of the registered Node (what the Lease's owner reference needs), null until registered. */
    private volatile Node registered;
    private volatile boolean statusStale;
    private Instant reported = Instant.MIN;

    HollowNode(String name, SimulatedRuntime runtime, PodSync sync, NodeStatusReporter reporter, NodeLease lease,
               Clock clock, HollowNodesConfig config) {
        this.name = name;
        this.runtime = runtime;
        this.sync = sync;
        this.reporter = reporter;
        this.lease = lease;
        this.clock = clock;
        this.config = config;
    }

    String name() {
        return name;
    }

    Reconciler sync() {
        return sync;
    }

    boolean registered() {
        return registered != null;
    }

    /** Registers the Node if needed, rewrites its status when due or when someone else changed it, renews the Lease. */
    void heartbeat() {
        Instant now = clock.instant();
        if (registered == null) {
            Node node = reporter.register();
            registered = new NodeBuilder().withNewMetadata().withName(name).withUid(node.getMetadata().getUid())
                    .endMetadata().build();
            statusStale = true;
        }
        if (statusStale || !now.isBefore(reported.plus(config.statusReport()))) {
            statusStale = false;
            reporter.report(0);
            reported = now;
        }
        lease.renew(registered);
    }

    /** The Node's status no longer says what this node would (e.g. someone set Ready to Unknown): rewrite it. */
    void statusChanged() {
        statusStale = true;
    }

    /** The Node was deleted: register it again at the next heartbeat, as a restarted kubelet would. */
    void nodeDeleted() {
        registered = null;
    }

    void close() {
        runtime.close();
    }
}
