package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
        pods.addEventHandler(new OwnedPodEvents<>("Job", queue, expectations, jobs.getIndexer(),
                job -> job.getSpec().getSelector()));
        EventRecorder events = new EventRecorder(client, "job-controller", clock);
        JobSync sync = new JobSync(client, jobs.getIndexer(), pods.getIndexer(), expectations, events, clock);
        loop = new ControllerLoop("job-controller", queue, sync::reconcile, 2);
        informers.start(Job.class, Pod.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
