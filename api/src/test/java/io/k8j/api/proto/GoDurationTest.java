package io.k8j.api.proto;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0s",
            "1, 1ns",
            "1100, 1.1µs",
            "2200000, 2.2ms",
            "1000000000, 1s",
            "1500000000, 1.5s",
            "60000000000, 1m0s",
            "90000000000, 1m30s",
            "3600000000000, 1h0m0s",
            "3723000000001, 1h2m3.000000001s",
            "-5000000000, -5s",
            "-9223372036854775808, -2562047h47m16.854775808s",
    })
    void formatsLikeGo(long nanos, String expected) {
        assertThat(GoDuration.format(nanos)).isEqualTo(expected);
    }
}
