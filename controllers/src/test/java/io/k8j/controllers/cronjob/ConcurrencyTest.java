package io.k8j.controllers.cronjob;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
    @ParameterizedTest(name = "{0} with {1} active -> {2}")
    @CsvSource(nullValues = "null", value = {
            "Allow, 0, CREATE",
            "Allow, 2, CREATE",
            "null, 1, CREATE",
            "Forbid, 0, CREATE",
            "Forbid, 1, SKIP",
            "Replace, 0, CREATE",
            "Replace, 1, REPLACE",
    })
    void decides(String policy, int active, Concurrency expected) {
        assertThat(Concurrency.decide(policy, active)).isEqualTo(expected);
    }
}
