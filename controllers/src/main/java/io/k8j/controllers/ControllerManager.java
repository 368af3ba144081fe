package io.k8j.controllers;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.client.LeaderElected;
import io.k8j.client.LeaderElection;
import io.k8j.client.LeaseTimings;
import io.k8j.client.SharedInformers;
import io.k8j.controllers.clusterroleaggregation.ClusterRoleAggregationController;
import io.k8j.controllers.daemonset.DaemonSetController;
import io.k8j.controllers.deployment.DeploymentController;
import io.k8j.controllers.cronjob.CronJobController;
import io.k8j.controllers.csrapproving.CsrApprovingController;
import io.k8j.controllers.csrsigning.CsrSigningController;
import io.k8j.controllers.endpoints.EndpointsController;
import io.k8j.controllers.endpointslice.EndpointSliceController;
import io.k8j.controllers.gc.GarbageCollector;
import io.k8j.controllers.job.JobController;
import io.k8j.controllers.namespace.NamespaceController;
import io.k8j.controllers.nodeipam.NodeIpamController;
import io.k8j.controllers.nodelifecycle.NodeLifecycleController;
import io.k8j.controllers.nodelifecycle.NodeMonitorTimings;
import io.k8j.controllers.nodelifecycle.TaintEvictionController;
import io.k8j.controllers.podgc.PodGcController;
import io.k8j.controllers.replicaset.ReplicaSetController;
import io.k8j.controllers.resourcequota.ResourceQuotaController;
import io.k8j.controllers.rootca.RootCaPublisher;
import io.k8j.controllers.serviceaccount.ServiceAccountController;
import io.k8j.controllers.statefulset.StatefulSetController;
import io.k8j.controllers.tokencleaner.TokenCleaner;
import io.k8j.controllers.volume.LocalPathProvisioner;
import io.k8j.controllers.volume.PersistentVolumeController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the control loops against an API server, as its client only, while this instance holds the
 * kube-system/kube-controller-manager Lease; they start and stop together. Losing the lease stops them
 * for good, as kube-controller-manager exits: another instance may already be acting.
 */
public final class ControllerManager implements LeaderElected {
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-controller-manager";
    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final SharedInformers informers;
    private final List<Controller> controllers;
    private CompletableFuture<?> election;
    private volatile boolean leading;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private volatile boolean closing;

    private ControllerManager(KubernetesClient client, boolean ownsClient, ControllerManagerOptions options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.informers = new SharedInformers(client);
        Clock clock = Clock.systemUTC();
        List<Controller> loops = new ArrayList<>(List.of(new NamespaceController(client), new ReplicaSetController(client, informers),
                new DeploymentController(client, informers), new DaemonSetController(client, informers),
                new StatefulSetController(client, informers), new GarbageCollector(client),
                new PersistentVolumeController(client, informers),
                new LocalPathProvisioner(client, informers, options.localStorage()),
                new NodeLifecycleController(client, informers, options.nodeMonitor(), clock),
                new TaintEvictionController(client, informers, clock), new EndpointsController(client, informers),
                new EndpointSliceController(client, informers, clock), new ServiceAccountController(client, informers),
                new JobController(client, informers), new CronJobController(client, informers),
                new ResourceQuotaController(client, informers),
                new PodGcController(client, informers, options.terminatedPodGcThreshold(), clock),
                new ClusterRoleAggregationController(client, informers)));
        if (options.rootCa() != null) {
            loops.add(new RootCaPublisher(client, informers, options.rootCa()));
        }
        loops.add(new CsrApprovingController(client, informers, clock));
        loops.add(new TokenCleaner(client, informers, clock));
        if (options.clusterSigner() != null) {
            loops.add(new CsrSigningController(client, informers, options.clusterSigner(),
                    options.clusterSigningDuration(), clock));
        }
        if (options.nodeIpam() != null) {
            loops.add(new NodeIpamController(client, informers, options.nodeIpam(), clock));
        }
        this.controllers = List.copyOf(loops);
    }

    /** In-process use by {@code k8j server}: its own client, kube's default lease timings. */
    public static ControllerManager start(Config config, ControllerManagerOptions options) {
        ControllerManager manager = new ControllerManager(new KubernetesClientBuilder().withConfig(config).build(), true, options);
        return manager.elect(LeaderElection.defaultIdentity(), LeaseTimings.defaults());
    }

    public static ControllerManager start(KubernetesClient client, String identity, LeaseTimings timings,
                                          ControllerManagerOptions options) {
        return new ControllerManager(client, false, options).elect(identity, timings);
    }

    private ControllerManager elect(String identity, LeaseTimings timings) {
        election = LeaderElection.start(client, LEASE_NAMESPACE, LEASE_NAME, identity, timings,
                this::startLeading, this::stopLeading);
        return this;
    }

    /** True while this instance holds the lease and its controllers run. */
    public boolean isLeading() {
        return leading;
    }

    private synchronized void startLeading() {
        LOG.info("controller manager started leading");
        leading = true;
        try {
            controllers.forEach(Controller::start);
        } catch (RuntimeException e) {
            if (!closing) {
                throw e;
            }
            LOG.debug("stopped while starting the controllers: {}", e.toString());
        }
    }

    private synchronized void stopLeading() {
        if (leading) {
            LOG.info("controller manager stopped leading");
            leading = false;
            controllers.reversed().forEach(Controller::close);
            informers.close();
            if (!closing) {
                lost.complete(null);
            }
        }
    }

    @Override
    public CompletableFuture<Void> lostLeadership() {
        return lost;
    }

    @Override
    public void close() {
        closing = true;
        election.cancel(true);
        // Not under the lock: a startLeading still waiting for caches holds it, and closing the informers
        // is what ends that wait (the API server may never answer, as when both stop together).
        informers.close();
        stopLeading();
        if (ownsClient) {
            client.close();
        }
    }
}
