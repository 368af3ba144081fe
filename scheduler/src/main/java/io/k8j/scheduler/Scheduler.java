package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.EventRecorder;
import io.k8j.client.LeaderElected;
import io.k8j.client.LeaderElection;
import io.k8j.scheduler.cache.SchedulerCache;
import io.k8j.scheduler.framework.Framework;
import io.k8j.scheduler.framework.PodInfo;
import io.k8j.scheduler.queue.SchedulingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler as an API client: informers on pods and nodes fill the cache and the queue from the
 * start (so a new leader has warm caches), and the scheduling loop runs only while this instance holds
 * the kube-system/kube-scheduler Lease.
 */
public final class Scheduler implements LeaderElected {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final SchedulingQueue queue;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Node> nodes;
    private final VolumeListers volumes;
    private final SchedulingLoop loop;
    private final CompletableFuture<?> election;
    private volatile Thread worker;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private boolean closing;

    private Scheduler(KubernetesClient client, SchedulerOptions options) {
        SchedulerCache cache = new SchedulerCache();
        queue = new SchedulingQueue(System::nanoTime, options.initialBackoff(), options.maxBackoff());
        ClusterEvents handlers = new ClusterEvents(cache, queue);
        nodes = client.nodes().inform(handlers.nodes());
        pods = client.pods().inAnyNamespace().inform(handlers.pods());
        volumes = new VolumeListers(client, queue);
        Framework framework = DefaultPlugins.framework(client, volumes);
        loop = new SchedulingLoop(queue, cache, framework, new ScheduleAlgorithm(framework, new Random()),
                new EventRecorder(client, ClusterEvents.SCHEDULER_NAME, options.clock()),
                new PodConditionWriter(client, options.clock()), this::stillPending);
        election = LeaderElection.start(client, SchedulerOptions.LEASE_NAMESPACE, SchedulerOptions.LEASE_NAME,
                options.identity(), options.lease(), this::startLeading, this::stopLeading);
    }

    /** Starts informers and leader election; the returned handle stops both. */
    public static Scheduler start(KubernetesClient client, SchedulerOptions options) {
        return new Scheduler(client, options);
    }

    /** True while this instance holds the lease and schedules. */
    public boolean isLeading() {
        return worker != null;
    }

    private synchronized void startLeading() {
        LOG.info("scheduler started leading");
        worker = Thread.ofPlatform().name("scheduler").daemon().start(loop);
    }

    /**
     * A lost lease stops scheduling for good, as kube-scheduler exits: another instance may already be
     * binding, and a restarted process rebuilds its cache from scratch.
     */
    private synchronized void stopLeading() {
        LOG.info("scheduler stopped leading");
        queue.close();
        boolean wasLeading = worker != null;
        worker = null;
        if (wasLeading && !closing) {
            lost.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> lostLeadership() {
        return lost;
    }

    private boolean stillPending(Pod pod) {
        Pod current = pods.getStore().getByKey(PodInfo.key(pod));
        return current != null && ClusterEvents.isOurs(current) && !ClusterEvents.isAssigned(current)
                && current.getMetadata().getUid().equals(pod.getMetadata().getUid());
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        election.cancel(true);
        queue.close();
        pods.close();
        nodes.close();
        volumes.close();
    }
}
