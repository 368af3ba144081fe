package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.OnChange;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import io.k8j.controllers.OwnedPodEvents;
import io.k8j.controllers.history.RevisionHistory;

import java.time.Clock;

/**
 * Runs one pod of each DaemonSet on every eligible node. Pod and revision events enqueue their owning
 * DaemonSet (and mark pod expectations observed); any node change enqueues every DaemonSet, since it may
 * make the node (in)eligible for any of them. The work is {@link DaemonSetSync}.
 */
public final class DaemonSetController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private final Expectations expectations = new Expectations(clock);
    private SharedIndexInformer<DaemonSet> daemonSets;
    private ControllerLoop loop;

    public DaemonSetController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        daemonSets = informers.of(DaemonSet.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<Node> nodes = informers.of(Node.class);
        SharedIndexInformer<ControllerRevision> revisions = informers.of(ControllerRevision.class);
        daemonSets.addEventHandler(new EnqueueByKey<>(queue));
        pods.addEventHandler(new OwnedPodEvents<>("DaemonSet", queue, expectations, daemonSets.getIndexer(),
                o -> o.getSpec().getSelector()));
        nodes.addEventHandler(new OnChange<>(n -> daemonSets.getIndexer().list().forEach(ds -> queue.add(Keys.of(ds)))));
        revisions.addEventHandler(new OnChange<>(r -> OwnedPodEvents.ownerKey(r, "DaemonSet").ifPresent(queue::add)));
        EventRecorder events = new EventRecorder(client, "daemonset-controller", clock);
        DaemonSetSync sync = new DaemonSetSync(client, daemonSets.getIndexer(), pods.getIndexer(), nodes.getIndexer(),
                new RevisionHistory(client, revisions.getIndexer()), expectations,
                new DaemonPodWriter(client, expectations, events), clock);
        loop = new ControllerLoop("daemonset-controller", queue, sync::reconcile, 2);
        // A partial node or pod cache would mean pods created twice or deleted for nothing.
        informers.start(DaemonSet.class, Pod.class, Node.class, ControllerRevision.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
