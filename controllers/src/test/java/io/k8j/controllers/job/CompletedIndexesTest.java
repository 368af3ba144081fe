package io.k8j.controllers.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompletedIndexesTest {
    @ParameterizedTest(name = "\"{0}\" with completions {1} -> \"{2}\"")
    @CsvSource(nullValues = "null", value = {
            "'', 5, ''",
            "null, 5, ''",
            "'0', 5, '0'",
            "'1,3-5,7', 10, '1,3-5,7'",
            "'1,2,3', 10, '1-3'",
            "'3-4,1', 10, '1,3-4'",
            "'2-9', 5, '2-4'",          // beyond completions is dropped
            "'x,1', 5, '1'",            // malformed parts are skipped
    })
    void roundTrips(String text, int completions, String formatted) {
        assertThat(CompletedIndexes.format(CompletedIndexes.parse(text, completions))).isEqualTo(formatted);
    }
}
