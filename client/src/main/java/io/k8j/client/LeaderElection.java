package io.k8j.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Leader election on a coordination.k8s.io/v1 Lease with fabric8's LeaderElector, so that of several
 * instances of a component exactly one acts. Cancelling the returned future gives the lease up.
 */
public final class LeaderElection {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private LeaderElection() {
    }

    public static CompletableFuture<?> start(KubernetesClient client, String namespace, String name, String identity,
                                             LeaseTimings timings, Runnable startedLeading, Runnable stoppedLeading) {
        return client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(timings.leaseDuration()).withRenewDeadline(timings.renewDeadline())
                .withRetryPeriod(timings.retryPeriod()).withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(startedLeading, stoppedLeading,
                        leader -> LOG.info("{}/{} leader is {}", namespace, name, leader)))
                .build()).build().start();
    }

    /** host_uuid, as kube's components name themselves, so two instances on one host differ. */
    public static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}
