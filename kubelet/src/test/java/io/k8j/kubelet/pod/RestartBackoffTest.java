package io.k8j.kubelet.pod;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);

    @Test
    void theFirstRestartIsImmediateThenTheWaitDoublesUpToTheMaximum() {
        assertThat(backoff.remaining("uid/c", clock.instant())).isZero();
        Duration expected = Duration.ofSeconds(10);
        for (int i = 0; i < 8; i++) {
            backoff.restarted("uid/c");
            assertThat(backoff.delay("uid/c")).isEqualTo(expected);
            Instant exit = clock.instant().plusSeconds(1);
            clock.set(exit);
            assertThat(backoff.remaining("uid/c", exit)).isEqualTo(expected);
            clock.set(exit.plus(expected));
            assertThat(backoff.remaining("uid/c", exit)).isZero();
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : expected.multipliedBy(2);
        }
    }

    @Test
    void anEntryUntouchedForTwiceTheMaximumStartsOver() {
        backoff.restarted("uid/c");
        backoff.restarted("uid/c");
        assertThat(backoff.delay("uid/c")).isEqualTo(Duration.ofSeconds(20));
        clock.set(clock.instant().plus(Duration.ofMinutes(11)));
        backoff.restarted("uid/c");
        assertThat(backoff.delay("uid/c")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void forgettingAPodDropsItsContainers() {
        backoff.restarted("uid/a");
        backoff.restarted("other/a");
        backoff.forget("uid/");
        assertThat(backoff.delay("uid/a")).isZero();
        assertThat(backoff.delay("other/a")).isEqualTo(Duration.ofSeconds(10));
    }

    /** A settable clock. */
    static final class TestClock extends java.time.Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
