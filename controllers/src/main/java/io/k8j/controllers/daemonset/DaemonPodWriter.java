package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.controllers.replicaset.SlowStart;

import java.util.List;
import java.util.stream.Collectors;

/** Carries out a {@link Plan}: expectations first, creations in slow-start batches, then deletions, each with an Event. */
final class DaemonPodWriter {
    private final KubernetesClient client;
    private final Expectations expectations;
    private final EventRecorder events;

    DaemonPodWriter(KubernetesClient client, Expectations expectations, EventRecorder events) {
        this.client = client;
        this.expectations = expectations;
        this.events = events;
    }

    void apply(String key, DaemonSet ds, String hash, Plan plan) {
        if (plan.isEmpty()) {
            return;
        }
        List<String> nodes = plan.create();
        expectations.expect(key, nodes.size(), plan.delete().stream().map(Keys::of).collect(Collectors.toSet()));
        int created = SlowStart.run(nodes.size(), i -> create(ds, hash, nodes.get(i)));
        for (int i = created; i < nodes.size(); i++) {
            expectations.creationObserved(key);
        }
        boolean deleted = plan.delete().stream().map(p -> delete(key, ds, p)).reduce(true, Boolean::logicalAnd);
        if (created < nodes.size() || !deleted) {
            throw new IllegalStateException("not all daemon pods of " + key + " could be created or deleted");
        }
    }

    private boolean create(DaemonSet ds, String hash, String node) {
        try {
            Pod pod = client.pods().inNamespace(ds.getMetadata().getNamespace()).resource(DaemonPods.podFor(ds, hash, node)).create();
            events.record(ds, "Normal", "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            events.record(ds, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private boolean delete(String key, DaemonSet ds, Pod pod) {
        try {
            client.pods().resource(pod).delete();
            events.record(ds, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            expectations.deletionObserved(key, Keys.of(pod));
            events.record(ds, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
            return false;
        }
    }
}
