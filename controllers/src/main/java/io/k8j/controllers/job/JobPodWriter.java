package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Job controller's pod writes: creations and deletions under expectations, and finalizer removal. */
final class JobPodWriter {
    private final KubernetesClient client;
    private final Expectations expectations;
    private final EventRecorder events;

    JobPodWriter(KubernetesClient client, Expectations expectations, EventRecorder events) {
        this.client = client;
        this.expectations = expectations;
        this.events = events;
    }

    /** Creates one pod per entry of {@code indexes} (null entries for NonIndexed); returns how many were created. */
    int create(String key, Job job, List<Integer> indexes) {
        expectations.expect(key, indexes.size(), java.util.Set.of());
        int created = 0;
        for (Integer index : indexes) {
            try {
                Pod pod = client.pods().inNamespace(job.getMetadata().getNamespace()).resource(JobPods.podFor(job, index)).create();
                events.record(job, "Normal", "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
                created++;
            } catch (KubernetesClientException e) {
                expectations.creationObserved(key);
                events.record(job, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
                break; // the rest would most likely fail the same way (quota, admission)
            }
        }
        for (int i = created + 1; i < indexes.size(); i++) {
            expectations.creationObserved(key);
        }
        return created;
    }

    /**
     * Deletes {@code pods}. With {@code uncount} their finalizer goes first, so that pods removed on
     * purpose (suspension, surplus) are not counted as failures; returns how many were deleted.
     */
    int delete(String key, Job job, List<Pod> pods, boolean uncount) {
        expectations.expect(key, 0, pods.stream().map(Keys::of).collect(Collectors.toSet()));
        int deleted = 0;
        for (Pod pod : pods) {
            try {
                if (uncount && !releaseFinalizer(pod)) {
                    expectations.deletionObserved(key, Keys.of(pod));
                    continue;
                }
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
                events.record(job, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
                deleted++;
            } catch (KubernetesClientException e) {
                expectations.deletionObserved(key, Keys.of(pod));
                if (e.getCode() != 404) {
                    events.record(job, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
                }
            }
        }
        return deleted;
    }

    /**
     * Removes the tracking finalizer (pinned to the pod's resourceVersion); a pod already gone is fine.
     * False on a conflict: the pod changed since the cache saw it, and its update event brings the Job back.
     */
    boolean releaseFinalizer(Pod pod) {
        if (!JobPods.hasTrackingFinalizer(pod)) {
            return true;
        }
        List<String> rest = pod.getMetadata().getFinalizers().stream().filter(f -> !JobPods.TRACKING_FINALIZER.equals(f)).toList();
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("resourceVersion", pod.getMetadata().getResourceVersion());
        meta.put("finalizers", rest.isEmpty() ? null : rest);
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(Map.of("metadata", meta)));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true;
            }
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }
}
