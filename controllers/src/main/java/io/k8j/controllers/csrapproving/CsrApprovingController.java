package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import io.k8j.controllers.csrsigning.CsrConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * kube's csrapproving controller: approves the kubelet client certificate requests that {@link NodeClientApproval}
 * recognises (a bootstrapping node, or a node renewing its own), leaving every other CSR to a person's
 * {@code kubectl certificate approve|deny}. Keyed by CSR name.
 */
public final class CsrApprovingController implements Controller {
    private static final Logger LOG = LoggerFactory.getLogger(CsrApprovingController.class);

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<CertificateSigningRequest> csrs;
    private ControllerLoop loop;

    public CsrApprovingController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<CertificateSigningRequest> informer = informers.of(CertificateSigningRequest.class);
        csrs = informer.getIndexer();
        informer.addEventHandler(new EnqueueByKey<>(queue));
        loop = new ControllerLoop("csrapproving", queue, this::reconcile, 1);
        informers.start(CertificateSigningRequest.class);
        loop.start();
    }

    Duration reconcile(String name) {
        CertificateSigningRequest csr = csrs.getByKey(name);
        if (csr == null || CsrConditions.has(csr, "Approved") || CsrConditions.has(csr, "Denied")) {
            return null;
        }
        String reason = NodeClientApproval.reason(csr);
        if (reason == null) {
            return null;
        }
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        client.certificates().v1().certificateSigningRequests().withName(name).approve(
                new CertificateSigningRequestConditionBuilder().withType("Approved").withStatus("True")
                        .withReason("AutoApproved").withMessage(reason)
                        .withLastUpdateTime(now).withLastTransitionTime(now).build());
        LOG.info("csrapproving: approved {} of {}", name, csr.getSpec().getUsername());
        return null;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
