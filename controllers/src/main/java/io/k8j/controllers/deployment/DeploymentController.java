package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EventRecorder;
import io.k8j.client.Keys;
import io.k8j.client.LabelSelectors;
import io.k8j.client.OnChange;
import io.k8j.client.OwnerRefWriter;
import io.k8j.client.SharedInformers;
import io.k8j.client.OwnerRefs;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;

/**
 * Rolls Deployments out through ReplicaSets. ReplicaSet events enqueue the owning Deployment (or, for
 * an orphan, every Deployment whose selector matches); the work is {@link DeploymentSync}.
 */
public final class DeploymentController implements Controller {
    private final KubernetesClient client;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<ReplicaSet> replicaSets;

    private final SharedInformers informers;

    public DeploymentController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    public void start() {
        deployments = informers.of(Deployment.class);
        replicaSets = informers.of(ReplicaSet.class);
        deployments.addEventHandler(new OnChange<>(d -> queue.add(Keys.of(d))));
        replicaSets.addEventHandler(new OnChange<>(this::replicaSetChanged));
        ReplicaSetWriter writer = new ReplicaSetWriter(client, new EventRecorder(client, "deployment-controller", clock));
        DeploymentSync sync = new DeploymentSync(deployments.getIndexer(), replicaSets.getIndexer(), writer,
                new OwnerRefWriter(client), clock);
        loop = new ControllerLoop("deployment-controller", queue, sync::reconcile, 2);
        // No step on a half-filled ReplicaSet cache: it would create a second new ReplicaSet.
        informers.start(Deployment.class, ReplicaSet.class);
        loop.start();
    }

    private void replicaSetChanged(ReplicaSet rs) {
        String namespace = rs.getMetadata().getNamespace();
        var owner = OwnerRefs.controllerOf(rs);
        if (owner.isPresent()) {
            if ("Deployment".equals(owner.get().getKind())) {
                queue.add(Keys.of(namespace, owner.get().getName()));
            }
            return;
        }
        for (Deployment d : deployments.getIndexer().byIndex("namespace", namespace)) {
            if (LabelSelectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels())) {
                queue.add(Keys.of(d));
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
