package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.OnChange;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import io.k8j.controllers.OwnedPodEvents;
import io.k8j.controllers.history.RevisionHistory;

import java.time.Clock;

/**
 * Runs StatefulSets: pods with stable names and claims, created and deleted in ordinal order. Pod and
 * revision events enqueue their owning StatefulSet (and mark pod expectations observed). The work is
 * {@link StatefulSetSync}.
 */
public final class StatefulSetController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private final Expectations expectations = new Expectations(clock);
    private SharedIndexInformer<StatefulSet> sets;
    private ControllerLoop loop;

    public StatefulSetController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        sets = informers.of(StatefulSet.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<ControllerRevision> revisions = informers.of(ControllerRevision.class);
        sets.addEventHandler(new EnqueueByKey<>(queue));
        pods.addEventHandler(new OwnedPodEvents<>("StatefulSet", queue, expectations, sets.getIndexer(),
                o -> o.getSpec().getSelector()));
        revisions.addEventHandler(new OnChange<>(r -> OwnedPodEvents.ownerKey(r, "StatefulSet").ifPresent(queue::add)));
        EventRecorder events = new EventRecorder(client, "statefulset-controller", clock);
        StatefulSetSync sync = new StatefulSetSync(client, sets.getIndexer(), pods.getIndexer(),
                new RevisionHistory(client, revisions.getIndexer()), expectations, new StatefulPodWriter(client, events), clock);
        loop = new ControllerLoop("statefulset-controller", queue, sync::reconcile, 2);
        informers.start(StatefulSet.class, Pod.class, ControllerRevision.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
