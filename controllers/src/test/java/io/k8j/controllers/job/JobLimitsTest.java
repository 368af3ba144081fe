package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.k8j.controllers.job.JobFixtures.T0;
import static io.k8j.controllers.job.JobFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

class JobLimitsTest {
    @ParameterizedTest(name = "backoffLimit={0} failed={1} restartPolicy={2} restarts={3} -> {4}")
    @CsvSource({
            "6, 6, Never, 0, false",
            "6, 7, Never, 0, true",
            "0, 1, Never, 0, true",
            "1, 1, Never, 0, false",
            "1, 2, Never, 0, true",
            "3, 0, OnFailure, 2, false",   // OnFailure: container restarts count as failures
            "3, 0, OnFailure, 3, true",
            "0, 0, OnFailure, 1, true",
            "3, 0, Never, 5, false",       // ...but only with OnFailure
    })
    void backoffLimit(int limit, int failed, String restartPolicy, int restarts, boolean exceeded) {
        JobSpec spec = job().editSpec().withBackoffLimit(limit).editTemplate().editSpec().withRestartPolicy(restartPolicy)
                .endSpec().endTemplate().endSpec().build().getSpec();
        Pod running = new PodBuilder().withNewMetadata().endMetadata().withNewStatus().withPhase("Running")
                .addNewContainerStatus().withRestartCount(restarts).endContainerStatus().endStatus().build();
        assertThat(JobLimits.backoffExceeded(spec, failed, List.of(running))).isEqualTo(exceeded);
    }

    @ParameterizedTest(name = "deadline={0}s, now=start+{1}s -> exceeded={2}, left={3}s")
    @CsvSource(nullValues = "null", value = {
            "30, 10, false, 20",
            "30, 30, true, 0",
            "30, 90, true, 0",
            "null, 1000, false, null",
    })
    void activeDeadline(Long deadline, int elapsed, boolean exceeded, Long left) {
        JobSpec spec = job().editSpec().withActiveDeadlineSeconds(deadline).endSpec().build().getSpec();
        Instant now = T0.plusSeconds(elapsed);
        assertThat(JobLimits.deadlineExceeded(spec, T0, now)).isEqualTo(exceeded);
        assertThat(JobLimits.deadlineLeft(spec, T0, now).map(Duration::toSeconds).orElse(null)).isEqualTo(left);
    }

    @Test
    void noDeadlineBeforeTheJobStarted() {
        JobSpec spec = job().editSpec().withActiveDeadlineSeconds(1L).endSpec().build().getSpec();
        assertThat(JobLimits.deadlineExceeded(spec, null, T0.plusSeconds(100))).isFalse();
    }

    @ParameterizedTest(name = "{0} failures, last {1}s ago -> wait {2}s")
    @CsvSource({
            "0, 0, 0",
            "1, 0, 10",
            "1, 4, 6",
            "1, 10, 0",
            "2, 0, 20",
            "3, 5, 35",
            "7, 0, 600",    // 640 s capped at 10 min
            "30, 0, 600",
    })
    void podFailureBackoff(int failures, int ago, int wait) {
        Instant now = T0.plusSeconds(1000);
        assertThat(JobLimits.backoffLeft(failures, now.minusSeconds(ago), now)).isEqualTo(Duration.ofSeconds(wait));
    }
}
