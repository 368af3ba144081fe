package io.k8j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.Keys;
import io.k8j.client.OwnerRefs;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;

/**
 * Starts Jobs on CronJobs' schedules (batch/v1). Job events enqueue the owning CronJob; each pass asks
 * to be run again at the next scheduled time, so the queue is the timer. Schedules without a timeZone
 * run in the controller's zone, as kube-controller-manager's local time.
 */
public final class CronJobController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;

    public CronJobController(KubernetesClient client, SharedInformers informers) {
        this(client, informers, Clock.systemDefaultZone());
    }

    CronJobController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<CronJob> cronJobs = informers.of(CronJob.class);
        SharedIndexInformer<Job> jobs = informers.of(Job.class);
        cronJobs.addEventHandler(new EnqueueByKey<>(queue));
        jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                enqueueOwner(job);
            }

            @Override
            public void onUpdate(Job old, Job job) {
                enqueueOwner(job);
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                enqueueOwner(job);
            }
        });
        EventRecorder events = new EventRecorder(client, "cronjob-controller", clock);
        CronJobSync sync = new CronJobSync(client, cronJobs.getIndexer(), jobs.getIndexer(), events, clock);
        loop = new ControllerLoop("cronjob-controller", queue, sync::reconcile, 1);
        informers.start(CronJob.class, Job.class);
        loop.start();
    }

    private void enqueueOwner(Job job) {
        OwnerRefs.controllerOf(job).filter(r -> "CronJob".equals(r.getKind()))
                .ifPresent(r -> queue.add(Keys.of(job.getMetadata().getNamespace(), r.getName())));
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
