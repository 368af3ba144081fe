package io.k8j.controllers.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveTargetTest {
    @ParameterizedTest(name = "completions={0} parallelism={1} succeeded={2} active={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "1, 1, 0, 0, 1",       // a fresh Job starts its pod
            "3, 2, 0, 0, 2",       // parallelism caps
            "3, 2, 2, 1, 1",       // only what is left to succeed
            "3, 2, 3, 0, 0",       // done
            "3, 5, 1, 0, 2",       // completions left below parallelism
            "2, 1, 5, 0, 0",       // more succeeded than wanted never goes negative
            "null, 3, 0, 0, 3",    // work queue: parallelism until one succeeds
            "null, 3, 1, 2, 2",    // then keep what runs, start nothing
            "null, 2, 1, 3, 2",    // and never above parallelism
            "4, 0, 0, 2, 0",       // parallelism 0 stops everything
    })
    void wantedActivePods(Integer completions, int parallelism, int succeeded, int active, int want) {
        assertThat(ActiveTarget.wantActive(completions, parallelism, succeeded, active)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fresh Job, lowest first | 5 | | | 2 | 0,1",
            "skips completed and running | 5 | 0,2 | 1 | 3 | 3,4",
            "nothing left | 3 | 0,1 | 2 | 2 | ",
    })
    void indexesToCreate(String name, int completions, String completed, String running, int count, String expected) {
        assertThat(ActiveTarget.indexesToCreate(completions, ints(completed), ints(running), count))
                .containsExactlyElementsOf(List.copyOf(expected == null ? List.of() : ints(expected).stream().sorted().toList()));
    }

    private static Set<Integer> ints(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf)
                .collect(java.util.stream.Collectors.toSet());
    }
}
