package io.k8j.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A joined agent's certificate manager, as the kubelet's with rotateCertificates and serverTLSBootstrap: each
 * certificate is renewed through a new CSR at a random 70-90% of its life, and the new one is stored and put to use
 * without a restart; a failed renewal is retried (5 s, doubling up to 5 minutes, so that a request left for a person
 * is not repeated every few seconds) while the current certificate serves on.
 */
final class CertificateRotation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRotation.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    /** One certificate of the node. */
    interface Renewable {
        /** What it is, for the log. */
        String what();

        /** Asks for a new certificate, stores it and puts it to use; returns its validity. */
        NodeCertificate renew() throws InterruptedException;
    }

    // One thread per certificate: one waiting for its request's approval does not hold up the other.
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("k8j-certificate-rotation-", 0).factory());

    /** Renews {@code certificate} at {@code firstRenewal} (now when it is past), and from then on. */
    void keep(Renewable certificate, Instant firstRenewal) {
        schedule(certificate, firstRenewal, FIRST_RETRY);
    }

    private void schedule(Renewable certificate, Instant at, Duration retry) {
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        timer.schedule(() -> renew(certificate, retry), delay, TimeUnit.MILLISECONDS);
    }

    private void renew(Renewable certificate, Duration retry) {
        try {
            NodeCertificate renewed = certificate.renew();
            Instant next = renewed.rotationDeadline(ThreadLocalRandom.current());
            LOG.info("renewed the node's {} (valid until {}); next renewal at {}", certificate.what(),
                    renewed.notAfter(), next);
            schedule(certificate, next, FIRST_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the node's {} ({}); retrying in {}s", certificate.what(), e.getMessage(),
                    retry.toSeconds());
            Duration doubled = retry.multipliedBy(2);
            schedule(certificate, Instant.now().plus(retry), doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
