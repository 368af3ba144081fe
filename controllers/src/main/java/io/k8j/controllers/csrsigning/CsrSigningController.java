package io.k8j.controllers.csrsigning;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * kube's csrsigning controller: signs approved CertificateSigningRequests of the built-in signers
 * ({@link SignerPolicy}) with the cluster CA and writes status.certificate; a request its signer refuses gets a
 * Failed condition. The certificate lasts spec.expirationSeconds (at least ten minutes) up to the signing duration
 * (kube's --cluster-signing-duration, one year by default), which is also the default. Keyed by CSR name.
 */
public final class CsrSigningController implements Controller {
    private static final Duration MIN_DURATION = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(CsrSigningController.class);

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final CertificateSigner signer;
    private final Duration signingDuration;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<CertificateSigningRequest> csrs;
    private ControllerLoop loop;

    public CsrSigningController(KubernetesClient client, SharedInformers informers, CertificateSigner signer,
                                Duration signingDuration, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.signer = signer;
        this.signingDuration = signingDuration;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<CertificateSigningRequest> informer = informers.of(CertificateSigningRequest.class);
        csrs = informer.getIndexer();
        informer.addEventHandler(new EnqueueByKey<>(queue));
        loop = new ControllerLoop("csrsigning", queue, this::reconcile, 1);
        informers.start(CertificateSigningRequest.class);
        loop.start();
    }

    Duration reconcile(String name) {
        CertificateSigningRequest csr = csrs.getByKey(name);
        if (csr == null || !CsrConditions.has(csr, "Approved") || CsrConditions.has(csr, "Denied")
                || CsrConditions.has(csr, "Failed") || csr.getStatus() == null
                || (csr.getStatus().getCertificate() != null && !csr.getStatus().getCertificate().isEmpty())) {
            return null;
        }
        SignerPolicy policy = SignerPolicy.of(csr.getSpec().getSignerName());
        if (policy == null) {
            return null; // another signer's
        }
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        ParsedRequest request;
        String refusal;
        try {
            request = ParsedRequest.parse(csr.getSpec().getRequest());
            refusal = policy.refusal(request, usages);
        } catch (IllegalArgumentException e) {
            request = null;
            refusal = e.getMessage();
        }
        if (refusal != null) {
            LOG.info("csrsigning: {} refuses {}: {}", policy.signerName(), name, refusal);
            fail(csr, refusal);
            return null;
        }
        String pem = signer.sign(request, usages, duration(csr.getSpec().getExpirationSeconds(), signingDuration), clock.instant());
        csr.getStatus().setCertificate(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)));
        client.certificates().v1().certificateSigningRequests().resource(csr).updateStatus();
        LOG.info("csrsigning: signed {} for {}", name, request.subject());
        return null;
    }

    /** spec.expirationSeconds, at most the signing duration, else at least ten minutes (kube's order). */
    static Duration duration(Integer expirationSeconds, Duration signingDuration) {
        if (expirationSeconds == null) {
            return signingDuration;
        }
        Duration asked = Duration.ofSeconds(expirationSeconds);
        return asked.compareTo(signingDuration) > 0 ? signingDuration
                : asked.compareTo(MIN_DURATION) < 0 ? MIN_DURATION : asked;
    }

    private void fail(CertificateSigningRequest csr, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        CertificateSigningRequestCondition failed = new CertificateSigningRequestConditionBuilder().withType("Failed")
                .withStatus("True").withReason("SignerValidationFailure").withMessage(message)
                .withLastUpdateTime(now).withLastTransitionTime(now).build();
        List<CertificateSigningRequestCondition> conditions = new ArrayList<>(csr.getStatus().getConditions());
        conditions.add(failed);
        csr.getStatus().setConditions(conditions);
        client.certificates().v1().certificateSigningRequests().resource(csr).updateStatus();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
