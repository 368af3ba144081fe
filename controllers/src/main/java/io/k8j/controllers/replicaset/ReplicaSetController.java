package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import io.k8j.controllers.OwnedPodEvents;

import java.time.Clock;

/**
 * Keeps spec.replicas pods per ReplicaSet. Pod events only enqueue the owning ReplicaSet (or, for an
 * orphan, every ReplicaSet whose selector matches it) and mark expectations observed
 * ({@link OwnedPodEvents}); the work is {@link ReplicaSetSync}.
 */
public final class ReplicaSetController implements Controller {
    private final KubernetesClient client;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private final Expectations expectations = new Expectations(clock);
    private ControllerLoop loop;
    private SharedIndexInformer<ReplicaSet> replicaSets;
    private SharedIndexInformer<Pod> pods;

    private final SharedInformers informers;

    public ReplicaSetController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    public void start() {
        replicaSets = informers.of(ReplicaSet.class);
        pods = informers.of(Pod.class);
        replicaSets.addEventHandler(new EnqueueByKey<>(queue));
        pods.addEventHandler(new OwnedPodEvents<>("ReplicaSet", queue, expectations, replicaSets.getIndexer(),
                rs -> rs.getSpec().getSelector()));
        EventRecorder events = new EventRecorder(client, "replicaset-controller", clock);
        ReplicaSetSync sync = new ReplicaSetSync(client, replicaSets.getIndexer(), pods.getIndexer(), expectations, events, clock);
        loop = new ControllerLoop("replicaset-controller", queue, sync::reconcile, 2);
        // Workers act on caches only once both are complete; a partial pod cache would mean extra pods.
        informers.start(ReplicaSet.class, Pod.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
