package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The node's heartbeat Lease in kube-node-lease, owned by the Node so it goes with it; renewed every 10 s.
 * Keeps the Lease it last wrote, as the kubelet's latestLease, so that a renewal is one PUT rather than a
 * GET and a PUT; after a failed write it reads the Lease again.
 */
public final class NodeLease {
    static final String NAMESPACE = "kube-node-lease";
    private static final int DURATION_SECONDS = 40;

    private final KubernetesClient client;
    private final Clock clock;

    private Lease last;

    public NodeLease(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void renew(Node node) {
        String name = node.getMetadata().getName();
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        Lease current = last != null ? last : client.leases().inNamespace(NAMESPACE).withName(name).get();
        last = null;
        if (current == null) {
            Lease lease = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(name)
                    .withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata()
                    .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(DURATION_SECONDS)
                    .withRenewTime(now).endSpec().build();
            try {
                last = client.leases().inNamespace(NAMESPACE).resource(lease).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            return;
        }
        current.getSpec().setRenewTime(now);
        current.getSpec().setHolderIdentity(name);
        last = client.leases().inNamespace(NAMESPACE).resource(current).update();
    }
}
