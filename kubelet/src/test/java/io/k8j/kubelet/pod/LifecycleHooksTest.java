package io.k8j.kubelet.pod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleHooksTest {
    @ParameterizedTest(name = "grace {0} ms, hook took {1} ms: SIGTERM-to-SIGKILL {2} s")
    @CsvSource({
            "30000, 0, 30",
            "30000, 4000, 26",
            "30000, 4900, 26",  // whole seconds, as the kubelet's int64 arithmetic
            "10000, 7000, 3",
            "10000, 9000, 2",   // the minimum grace period extends what the hook left
            "10000, 10000, 2",
            "5000, 60000, 2"})
    void theHookSpendsTheGracePeriodFirst(long graceMillis, long hookMillis, long stopSeconds) {
        assertThat(LifecycleHooks.sigtermWindow(LifecycleHooks.spend(Duration.ofMillis(graceMillis), Duration.ofMillis(hookMillis))))
                .isEqualTo(Duration.ofSeconds(stopSeconds));
    }
}
