package io.k8j.controllers.replicaset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartTest {
    @ParameterizedTest(name = "{0} pods, first failure at call {1}: {2} created in {3} calls")
    @CsvSource({
            "0, -1, 0, 0",
            "1, -1, 1, 1",
            "10, -1, 10, 10",  // batches 1 2 4 3
            "10, 0, 0, 1",     // the first batch fails: nothing more is tried
            "10, 2, 2, 3",     // batch 2 (calls 1-2) has a failure: stop before batch 3
            "10, 4, 6, 7"})    // batch 3 (calls 3-6) has a failure
    void batchesDoubleUntilOneFails(int count, int failAt, int created, int calls) {
        List<Integer> attempts = new ArrayList<>();
        int ok = SlowStart.run(count, i -> {
            attempts.add(i);
            return i != failAt;
        });
        assertThat(ok).isEqualTo(created);
        assertThat(attempts).hasSize(calls);
    }
}
