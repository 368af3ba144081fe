package io.k8j.client;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EventSpamFilterTest {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
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
    };
    private final EventSpamFilter filter = new EventSpamFilter(clock);

    private static ObjectReference container(String pod, String container) {
        return new ObjectReferenceBuilder().withKind("Pod").withNamespace("default").withName(pod).withUid(pod + "-uid")
                .withFieldPath("spec.containers{" + container + "}").build();
    }

    @Test
    void anObjectGetsABurstOf25EventsThenOneEveryFiveMinutes() {
        long allowed = IntStream.range(0, 40).filter(i -> filter.allow(container("web", "c"))).count();
        assertThat(allowed).isEqualTo(25);
        now = now.plus(Duration.ofMinutes(4));
        assertThat(filter.allow(container("web", "c"))).isFalse();
        now = now.plus(Duration.ofMinutes(1));
        assertThat(filter.allow(container("web", "c"))).isTrue();
        assertThat(filter.allow(container("web", "c"))).isFalse();
        now = now.plus(Duration.ofMinutes(12));
        assertThat(IntStream.range(0, 5).filter(i -> filter.allow(container("web", "c"))).count()).isEqualTo(2);
    }

    @Test
    void thePartsOfAnObjectShareItsBucketButOtherObjectsHaveTheirOwn() {
        IntStream.range(0, 20).forEach(i -> filter.allow(container("web", "a")));
        assertThat(IntStream.range(0, 10).filter(i -> filter.allow(container("web", "b"))).count()).isEqualTo(5);
        assertThat(filter.allow(container("db", "a"))).isTrue();
    }

    @Test
    void aFullBucketStaysAtTheBurst() {
        now = now.plus(Duration.ofDays(1));
        filter.allow(container("web", "c"));
        now = now.plus(Duration.ofDays(1));
        assertThat(IntStream.range(0, 40).filter(i -> filter.allow(container("web", "c"))).count()).isEqualTo(25);
    }
}
