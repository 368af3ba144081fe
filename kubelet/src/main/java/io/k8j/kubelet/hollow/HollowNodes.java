package io.k8j.kubelet.hollow;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.WorkQueue;
import io.k8j.kubelet.ApiConfigSource;
import io.k8j.kubelet.KubeletConfig;
import io.k8j.kubelet.NodeLease;
import io.k8j.kubelet.MachineInfo;
import io.k8j.kubelet.NodeStatusReporter;
import io.k8j.kubelet.pod.ContainerEvents;
import io.k8j.kubelet.pod.PodDeleter;
import io.k8j.kubelet.pod.PodDns;
import io.k8j.kubelet.pod.PodStatusWriter;
import io.k8j.kubelet.pod.PodSync;
import io.k8j.kubelet.pod.RestartBackoff;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * N simulated kubelets in one process, as KWOK runs them: one watch of all bound pods and one of all nodes,
 * one work queue and a few workers for every node's pod syncs, one timer for every node's heartbeats (each
 * beat on a virtual thread), and two API clients (the kubelet's split: Lease and node status writes on a
 * connection of their own, so that a backlog of pod writes never delays a heartbeat past the grace period).
 * What is left per node is its {@link HollowNode}: its runtime's state and the few objects of its sync, so
 * that thousands of nodes fit in one JVM.
 */
public final class HollowNodes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HollowNodes.class);
    private static final int POD_WORKERS = 16;

    private final Map<String, HollowNode> nodes = new ConcurrentHashMap<>();
    private final WorkQueue queue = new WorkQueue();
    private final HollowHeartbeats heartbeats = new HollowHeartbeats();
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<Node> nodeInformer;
    private final ControllerLoop loop;

    private HollowNodes(KubernetesClient client, KubernetesClient heartbeatClient, HollowNodesConfig config, Path dataDir,
                        Clock clock) {
        List<HollowNode> ordered = new ArrayList<>(config.count());
        // What every node's pod sync shares: pod status and deletion writes go through the one client, and
        // their caches are keyed by pod, which is unique across nodes.
        PodStatusWriter statusWriter = new PodStatusWriter(client);
        PodDeleter deleter = new PodDeleter(client);
        RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
        // Simulated pods run nothing that could dial, nor read their environment: no Service list per container.
        ApiConfigSource configs = new ApiConfigSource(client, true, false);
        NoProbes probes = new NoProbes();
        PodDispatch dispatch = new PodDispatch(nodes, queue);
        for (int i = 0; i < config.count(); i++) {
            String name = config.nodeName(i);
            String hostIp = HollowNodesConfig.hostIp(i);
            SimulatedRuntime runtime = new SimulatedRuntime(i, clock);
            PodSync sync = new PodSync(dispatch::pod, runtime, PodSync.PodContext.create(clock, hostIp, dataDir, config.capacity(), configs,
                    backoff, probes, statusWriter, deleter, ContainerEvents.NONE, PodDns.HOST_ONLY));
            KubeletConfig kubelet = new KubeletConfig(name, dataDir, List.of(), config.capacity(), hostIp, null, 0,
                    null, null, null, Duration.ofSeconds(10), Duration.ofMinutes(5), config.heartbeat(), PodDns.HOST_ONLY);
            HollowNode node = new HollowNode(name, runtime, sync, new NodeStatusReporter(heartbeatClient, kubelet,
                    runtime.name() + "://" + runtime.version(), MachineInfo.simulated(), List::of, clock),
                    new NodeLease(heartbeatClient, clock), clock, config);
            ordered.add(node);
            nodes.put(name, node);
        }
        this.podInformer = client.pods().inAnyNamespace().withoutField("spec.nodeName", "").inform(dispatch, 0);
        dispatch.pods(podInformer.getStore());
        this.nodeInformer = client.nodes().inform(new NodeEvents(), 0);
        this.loop = new ControllerLoop("hollow-pods", queue, dispatch, POD_WORKERS);
        loop.start();
        heartbeats.start(ordered, config.heartbeat());
        LOG.info("{} hollow nodes started ({}0 .. {})", config.count(), config.namePrefix(), config.nodeName(config.count() - 1));
    }

    /**
     * Starts the nodes; they register within one heartbeat period. {@code heartbeatClient}, a client of its
     * own, carries the Leases and node statuses; {@code dataDir} holds pods' volumes.
     */
    public static HollowNodes start(KubernetesClient client, KubernetesClient heartbeatClient, HollowNodesConfig config,
                                    Path dataDir) {
        return new HollowNodes(client, heartbeatClient, config, dataDir, Clock.systemUTC());
    }

    /** Rewrites the status of a hollow node whose Ready condition someone else changed; re-registers a deleted one. */
    private final class NodeEvents implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node node) {
            onUpdate(null, node);
        }

        @Override
        public void onUpdate(Node oldNode, Node node) {
            HollowNode hollow = nodes.get(node.getMetadata().getName());
            boolean ready = node.getStatus() != null && node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (hollow != null && hollow.registered() && !ready) {
                hollow.statusChanged();
            }
        }

        @Override
        public void onDelete(Node node, boolean finalStateUnknown) {
            HollowNode hollow = nodes.get(node.getMetadata().getName());
            if (hollow != null) {
                hollow.nodeDeleted();
            }
        }
    }

    @Override
    public void close() {
        heartbeats.close();
        podInformer.close();
        nodeInformer.close();
        loop.close();
        nodes.values().forEach(HollowNode::close);
    }
}
