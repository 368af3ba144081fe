package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Keys;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * kube's taint eviction controller: deletes pods from nodes with NoExecute taints they do not tolerate,
 * at once, or after the tolerationSeconds of the tolerations they have. Keyed by pod; a pod tolerating for
 * a while comes back when its time is up. Node changes only matter when the NoExecute taints change.
 */
public final class TaintEvictionController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private SharedIndexInformer<Pod> pods;
    private ControllerLoop loop;

    public TaintEvictionController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
    }

    @Override
    public void start() {
        pods = informers.of(Pod.class);
        SharedIndexInformer<Node> nodes = informers.of(Node.class);
        pods.addEventHandler(new EnqueueByKey<>(queue));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                if (!noExecute(node).isEmpty()) {
                    enqueuePodsOn(node);
                }
            }

            @Override
            public void onUpdate(Node old, Node node) {
                if (!Objects.equals(noExecute(old), noExecute(node))) {
                    enqueuePodsOn(node);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
            }
        });
        TaintEvictionSync sync = new TaintEvictionSync(client, pods.getIndexer(), nodes.getIndexer(),
                new EventRecorder(client, "taint-eviction-controller", clock), clock);
        loop = new ControllerLoop("taint-eviction-controller", queue, sync::reconcile, 2);
        informers.start(Pod.class, Node.class);
        loop.start();
    }

    private static List<Taint> noExecute(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().filter(t -> "NoExecute".equals(t.getEffect())).toList();
    }

    private void enqueuePodsOn(Node node) {
        String name = node.getMetadata().getName();
        for (Pod pod : pods.getIndexer().list()) {
            if (name.equals(pod.getSpec().getNodeName())) {
                queue.add(Keys.of(pod));
            }
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
