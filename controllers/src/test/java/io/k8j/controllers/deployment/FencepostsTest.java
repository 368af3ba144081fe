package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FencepostsTest {
    private static IntOrString v(String s) {
        return s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
    }

    @ParameterizedTest(name = "surge {0}, unavailable {1} of {2} replicas: {3} and {4}")
    @CsvSource({
            "25%, 25%, 4, 1, 1",
            "25%, 25%, 3, 1, 0",   // surge rounds up, unavailable down
            "25%, 25%, 10, 3, 2",
            "25%, 25%, 1, 1, 0",
            "0, 0%, 3, 0, 1",      // both zero: unavailable becomes 1, or nothing could move
            "0, 25%, 3, 0, 1",     // 0.75 rounds down to 0, then the both-zero rule
            "2, 1, 5, 2, 1",
            "100%, 100%, 3, 3, 3",
            "50%, 0, 5, 3, 0"})
    void resolves(String surge, String unavailable, int replicas, int wantSurge, int wantUnavailable) {
        Fenceposts f = Fenceposts.of(v(surge), v(unavailable), replicas);
        assertThat(f).isEqualTo(new Fenceposts(wantSurge, wantUnavailable));
    }
}
