package io.k8j.apiserver.http;

import io.k8j.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The storage backend's health as a check named after it ("etcd", "sqlite"). The answer is kept for
 * {@link #TTL}, so that however often /readyz is polled the backend sees at most one probe a second; pollers
 * meanwhile wait for the probe in flight rather than start their own. Changes of state are logged with the reason.
 */
final class StorageHealthCheck implements HealthChecks.Check {
    static final Duration TTL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StorageHealthCheck.class);

    private final Storage storage;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Instant checkedAt;
    private String failure;

    StorageHealthCheck(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public String name() {
        return storage.healthCheckName();
    }

    @Override
    public String failure() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (checkedAt == null || !now.isBefore(checkedAt.plus(TTL))) {
                String previous = failure;
                failure = probe();
                checkedAt = clock.instant();
                if (failure != null && !failure.equals(previous)) {
                    LOG.warn("[-]{} failed: {}", name(), failure);
                } else if (failure == null && previous != null) {
                    LOG.info("[+]{} ok again", name());
                }
            }
            return failure;
        } finally {
            lock.unlock();
        }
    }

    private String probe() {
        try {
            storage.checkHealth();
            return null;
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
