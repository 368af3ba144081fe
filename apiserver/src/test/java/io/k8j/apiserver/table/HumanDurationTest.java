package io.k8j.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTest {

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "-3, <invalid>",
            "-1, 0s",
            "0, 0s",
            "5, 5s",
            "119, 119s",
            "120, 2m",
            "182, 3m2s",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "18180, 5h3m",
            "28800, 8h",
            "169200, 47h",
            "172800, 2d",
            "190800, 2d5h",
            "691200, 8d",
            "63071999, 729d",
            "63072000, 2y",
            "63158400, 2y1d",
            "252288000, 8y",
            "1261440000, 40y",
    })
    void formatsLikeKube(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-1500, 0s", "-999, 0s", "1999, 1s"})
    void truncatesFractionsTowardZero(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
