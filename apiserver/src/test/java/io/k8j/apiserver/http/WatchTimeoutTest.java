package io.k8j.apiserver.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WatchTimeoutTest {
    private final WatchResponder watches = new WatchResponder(null, Clock.systemUTC(), 1800);

    @Test
    void clientTimeoutIsKept() {
        assertThat(watches.timeoutMillis(5)).isEqualTo(5_000);
    }

    @Test
    void withoutOneAWatchLastsMinRequestTimeoutTimesARandomFactorBetweenOneAndTwo() {
        var timeouts = IntStream.range(0, 200).mapToLong(i -> watches.timeoutMillis(0)).boxed().toList();
        assertThat(timeouts).allSatisfy(t -> assertThat(t).isBetween(1_800_000L, 3_599_999L));
        assertThat(timeouts.stream().distinct().count()).as("spread, not one value").isGreaterThan(100);
    }
}
