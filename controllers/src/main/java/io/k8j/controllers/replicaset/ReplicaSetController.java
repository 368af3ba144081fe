package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.LabelSelectors;
import io.k8j.client.OwnerRefs;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;
import java.util.Objects;

/**
 * Keeps spec.replicas pods per ReplicaSet. Pod events only enqueue the owning ReplicaSet (or, for an
 * orphan, every ReplicaSet whose selector matches it) and mark expectations observed; the work is
 * {@link ReplicaSetSync}.
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
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String owner = ownerKey(pod);
                if (owner != null && pod.getMetadata().getDeletionTimestamp() == null) {
                    expectations.creationObserved(owner);
                }
                podChanged(pod, false);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (!Objects.equals(ownerKey(old), ownerKey(pod))
                        || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
                    podChanged(old, false);
                }
                podChanged(pod, false);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                podChanged(pod, true);
            }
        });
        EventRecorder events = new EventRecorder(client, "replicaset-controller", clock);
        ReplicaSetSync sync = new ReplicaSetSync(client, replicaSets.getIndexer(), pods.getIndexer(), expectations, events, clock);
        loop = new ControllerLoop("replicaset-controller", queue, sync::reconcile, 2);
        // Workers act on caches only once both are complete; a partial pod cache would mean extra pods.
        informers.start(ReplicaSet.class, Pod.class);
        loop.start();
    }

    /** A pod seen deleting counts as deleted for expectations; kube does the same, so replacements start early. */
    private void podChanged(Pod pod, boolean deleted) {
        String owner = ownerKey(pod);
        if (owner != null) {
            if (deleted || pod.getMetadata().getDeletionTimestamp() != null) {
                expectations.deletionObserved(owner, Keys.of(pod));
            }
            queue.add(owner);
            return;
        }
        for (ReplicaSet rs : replicaSets.getIndexer().byIndex("namespace", pod.getMetadata().getNamespace())) {
            if (LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                queue.add(Keys.of(rs));
            }
        }
    }

    /** The key of the ReplicaSet controlling {@code pod}, if a ReplicaSet does. */
    private static String ownerKey(Pod pod) {
        return OwnerRefs.controllerOf(pod).filter(r -> "ReplicaSet".equals(r.getKind()))
                .map(r -> Keys.of(pod.getMetadata().getNamespace(), r.getName())).orElse(null);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
