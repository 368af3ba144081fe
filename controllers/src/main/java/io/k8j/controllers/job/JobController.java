package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
 * Runs Jobs to completion (batch/v1). Pod events only enqueue the owning Job (or, for an orphan, every
 * Job whose selector matches it) and mark expectations observed; the work is {@link JobSync}.
 */
public final class JobController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private final Expectations expectations;
    private ControllerLoop loop;
    private SharedIndexInformer<Job> jobs;

    public JobController(KubernetesClient client, SharedInformers informers) {
        this(client, informers, Clock.systemUTC());
    }

    JobController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
        this.expectations = new Expectations(clock);
    }

    @Override
    public void start() {
        jobs = informers.of(Job.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        jobs.addEventHandler(new EnqueueByKey<>(queue));
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
                if (!Objects.equals(ownerKey(old), ownerKey(pod))) {
                    podChanged(old, false);
                }
                podChanged(pod, false);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                podChanged(pod, true);
            }
        });
        EventRecorder events = new EventRecorder(client, "job-controller", clock);
        JobSync sync = new JobSync(client, jobs.getIndexer(), pods.getIndexer(), expectations, events, clock);
        loop = new ControllerLoop("job-controller", queue, sync::reconcile, 2);
        informers.start(Job.class, Pod.class);
        loop.start();
    }

    private void podChanged(Pod pod, boolean deleted) {
        String owner = ownerKey(pod);
        if (owner != null) {
            if (deleted || pod.getMetadata().getDeletionTimestamp() != null) {
                expectations.deletionObserved(owner, Keys.of(pod));
            }
            queue.add(owner);
            return;
        }
        if (OwnerRefs.controllerOf(pod).isPresent()) {
            return;
        }
        for (Job job : jobs.getIndexer().byIndex("namespace", pod.getMetadata().getNamespace())) {
            if (LabelSelectors.matches(job.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                queue.add(Keys.of(job));
            }
        }
    }

    private static String ownerKey(Pod pod) {
        return OwnerRefs.controllerOf(pod).filter(r -> "Job".equals(r.getKind()) && r.getApiVersion().startsWith("batch/"))
                .map(r -> Keys.of(pod.getMetadata().getNamespace(), r.getName())).orElse(null);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
