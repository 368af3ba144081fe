package io.k8j.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EventRecorder;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.client.net.Ipv4Cidr;
import io.k8j.controllers.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube's node IPAM controller with the range allocator: each Node without spec.podCIDR gets the next free
 * subnet of the cluster CIDR (spec.podCIDR and spec.podCIDRs, which the API server then keeps fixed); the
 * subnets of existing nodes are taken at start, a deleted node's is freed. When none is left the node gets
 * kube's CIDRNotAvailable event once and waits, without a retry per heartbeat, until a subnet is freed. Updates of
 * nodes with nothing to do (heartbeats) are not queued. One worker: the allocator is never raced.
 */
public final class NodeIpamController implements Controller {
    static final String COMPONENT = "cidrAllocator";
    private static final Logger LOG = LoggerFactory.getLogger(NodeIpamController.class);

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final EventRecorder events;
    private final CidrSet cidrs;
    private final WorkQueue queue = new WorkQueue();
    /** Each node's subnet, including one written but not yet in the cache (so it is not allocated twice). */
    private final Map<String, Ipv4Cidr> byNode = new ConcurrentHashMap<>();
    /** Nodes told CIDRNotAvailable: looked at again when a subnet is freed. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private Indexer<Node> nodes;
    private ControllerLoop loop;

    public NodeIpamController(KubernetesClient client, SharedInformers informers, NodeIpamOptions options, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.events = new EventRecorder(client, COMPONENT, clock);
        this.cidrs = new CidrSet(options.clusterCidr(), options.nodeCidrMaskSize());
    }

    @Override
    public void start() {
        SharedIndexInformer<Node> informer = informers.of(Node.class);
        nodes = informer.getIndexer();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                changed(node);
            }

            @Override
            public void onUpdate(Node old, Node node) {
                changed(node);
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                released(node.getMetadata().getName());
            }
        });
        informers.start(Node.class);
        // Every subnet in use is known before any is handed out.
        nodes.list().forEach(this::occupy);
        loop = new ControllerLoop("nodeipam", queue, this::reconcile, 1);
        loop.start();
    }

    private void changed(Node node) {
        String name = node.getMetadata().getName();
        boolean known = byNode.containsKey(name);
        if (podCidr(node).isPresent() ? !known : !known && !waiting.contains(name)) {
            queue.add(name);
        }
    }

    Duration reconcile(String name) {
        Node node = nodes.getByKey(name);
        if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        if (podCidr(node).isPresent()) {
            occupy(node);
            return null;
        }
        if (byNode.containsKey(name)) {
            return null;
        }
        Optional<Ipv4Cidr> cidr = cidrs.allocateNext();
        if (cidr.isEmpty()) {
            if (waiting.add(name)) {
                LOG.warn("nodeipam: no pod CIDR left in the cluster CIDR for node {}", name);
                events.record(node, "Normal", "CIDRNotAvailable", "Node " + name + " status is now: CIDRNotAvailable");
            }
            return null;
        }
        waiting.remove(name);
        try {
            client.nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"podCIDR\":\"" + cidr.get() + "\",\"podCIDRs\":[\"" + cidr.get() + "\"]}}");
        } catch (RuntimeException e) {
            cidrs.release(cidr.get());
            throw e;
        }
        byNode.put(name, cidr.get());
        LOG.info("nodeipam: node {} has pod CIDR {}", name, cidr.get());
        return null;
    }

    private void occupy(Node node) {
        String name = node.getMetadata().getName();
        podCidr(node).ifPresent(value -> {
            Ipv4Cidr cidr;
            try {
                cidr = Ipv4Cidr.parse(value);
            } catch (IllegalArgumentException e) {
                LOG.warn("nodeipam: node {} has an unusable podCIDR {}", name, value);
                return;
            }
            if (cidrs.occupy(cidr)) {
                byNode.put(name, cidr);
            } else {
                LOG.warn("nodeipam: node {}'s podCIDR {} is no node subnet of the cluster CIDR; left alone", name, cidr);
            }
        });
    }

    private void released(String name) {
        waiting.remove(name);
        Ipv4Cidr cidr = byNode.remove(name);
        if (cidr != null) {
            cidrs.release(cidr);
            LOG.info("nodeipam: released pod CIDR {} of deleted node {}", cidr, name);
            waiting.forEach(queue::add);
        }
    }

    private static Optional<String> podCidr(Node node) {
        return Optional.ofNullable(node.getSpec() == null ? null : node.getSpec().getPodCIDR()).filter(s -> !s.isEmpty());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
