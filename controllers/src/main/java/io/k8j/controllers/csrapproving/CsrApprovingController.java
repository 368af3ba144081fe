package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * kube's csrapproving controller: approves the kubelet client certificate requests that {@link NodeClientApproval}
 * recognises when a SubjectAccessReview allows their requester create on certificatesigningrequests/nodeclient (or
 * selfnodeclient, for a node renewing its own), and, as k8j's addition, the kubelet serving certificate requests of
 * nodes for their own addresses ({@link NodeServingApproval}); every other CSR is left to a person's
 * {@code kubectl certificate approve|deny}. Keyed by CSR name.
 */
public final class CsrApprovingController implements Controller {
    private static final Logger LOG = LoggerFactory.getLogger(CsrApprovingController.class);
    /** How long a node's serving CSR waits for its Node's addresses to match, and how often it looks. */
    private static final Duration NODE_REGISTRATION = Duration.ofMinutes(2);
    private static final Duration NODE_WAIT = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<CertificateSigningRequest> csrs;
    private Indexer<Node> nodes;
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
        nodes = informers.of(Node.class).getIndexer();
        loop = new ControllerLoop("csrapproving", queue, this::reconcile, 1);
        informers.start(CertificateSigningRequest.class);
        informers.start(Node.class);
        loop.start();
    }

    Duration reconcile(String name) {
        CertificateSigningRequest csr = csrs.getByKey(name);
        if (csr == null || csr.getSpec() == null || CsrConditions.has(csr, "Approved") || CsrConditions.has(csr, "Denied")) {
            return null;
        }
        for (NodeClientApproval.Permission permission : NodeClientApproval.permissions(csr)) {
            if (allowed(csr, permission.subresource())) {
                approve(csr, permission.message());
                return null;
            }
        }
        if (NodeServingApproval.isNodeOwn(csr)) {
            Node node = nodes.getByKey(NodeServingApproval.nodeName(csr));
            if (node != null && NodeServingApproval.namesOnly(csr, node)) {
                approve(csr, NodeServingApproval.MESSAGE);
                return null;
            }
            if (young(csr)) {
                return NODE_WAIT; // a starting kubelet asks before its Node (with its addresses) is registered
            }
        }
        return null;
    }

    /** kube's SubjectAccessReview for create on certificatesigningrequests/SUBRESOURCE, as the CSR's requester. */
    private boolean allowed(CertificateSigningRequest csr, String subresource) {
        SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(csr.getSpec().getUsername()).withUid(csr.getSpec().getUid())
                .withGroups(csr.getSpec().getGroups()).withExtra(csr.getSpec().getExtra())
                .withNewResourceAttributes().withGroup("certificates.k8s.io").withResource("certificatesigningrequests")
                .withVersion("*").withVerb("create").withSubresource(subresource).endResourceAttributes()
                .endSpec().build());
        return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    }

    private boolean young(CertificateSigningRequest csr) {
        String created = csr.getMetadata().getCreationTimestamp();
        return created == null || Instant.parse(created).plus(NODE_REGISTRATION).isAfter(clock.instant());
    }

    private void approve(CertificateSigningRequest csr, String reason) {
        String name = csr.getMetadata().getName();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        client.certificates().v1().certificateSigningRequests().withName(name).approve(
                new CertificateSigningRequestConditionBuilder().withType("Approved").withStatus("True")
                        .withReason("AutoApproved").withMessage(reason)
                        .withLastUpdateTime(now).withLastTransitionTime(now).build());
        LOG.info("csrapproving: approved {} of {}", name, csr.getSpec().getUsername());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
