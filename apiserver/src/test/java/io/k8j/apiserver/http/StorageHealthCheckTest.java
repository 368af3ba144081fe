package io.k8j.apiserver.http;

import io.k8j.storage.ForwardingStorage;
import io.k8j.storage.StorageException;
import io.k8j.storage.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class StorageHealthCheckTest {
    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void probesAtMostOnceASecondAndReportsTheBackendsReason() {
        AtomicInteger probes = new AtomicInteger();
        AtomicReference<String> broken = new AtomicReference<>();
        Hand clock = new Hand();
        try (SqliteStorage sqlite = new SqliteStorage(dir.resolve("db"))) {
            ForwardingStorage storage = new ForwardingStorage(sqlite) {
                @Override
                public void checkHealth() {
                    probes.incrementAndGet();
                    if (broken.get() != null) {
                        throw new StorageException(broken.get());
                    }
                    super.checkHealth();
                }
            };
            StorageHealthCheck check = new StorageHealthCheck(storage, clock);
            assertThat(check.name()).isEqualTo("sqlite");
            assertThat(check.failure()).isNull();
            broken.set("sqlite write failed: [SQLITE_FULL] database or disk is full");
            assertThat(check.failure()).as("still the cached answer").isNull();
            assertThat(probes).hasValue(1);

            clock.now = clock.now.plus(Duration.ofSeconds(1));
            assertThat(check.failure()).isEqualTo("sqlite write failed: [SQLITE_FULL] database or disk is full");
            assertThat(probes).hasValue(2);

            broken.set(null);
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            assertThat(check.failure()).isNull();
        }
    }
}
