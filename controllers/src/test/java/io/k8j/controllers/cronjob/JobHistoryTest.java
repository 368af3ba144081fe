package io.k8j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobHistoryTest {
    /** Jobs named by outcome and start minute: c1 completed at minute 1, f2 failed at 2, r3 still running. */
    private static final List<Job> JOBS = List.of(job("c3"), job("c1"), job("f2"), job("c5"), job("f4"), job("r6"), job("f7"));

    @ParameterizedTest(name = "keep {0} successful, {1} failed -> delete {2}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
            "3 | 1 | f2,f4",
            "1 | 1 | c1,c3,f2,f4",
            "0 | 0 | c1,c3,c5,f2,f4,f7",
            "5 | 5 | ",
            "null | 2 | f2",
    })
    void deletesTheOldestBeyondTheLimits(Integer successful, Integer failed, String deleted) {
        List<String> names = JobHistory.toDelete(JOBS, successful, failed).stream().map(j -> j.getMetadata().getName()).toList();
        assertThat(names).containsExactlyElementsOf(deleted == null ? List.of() : List.of(deleted.split(",")));
    }

    private static Job job(String name) {
        String type = switch (name.charAt(0)) {
            case 'c' -> "Complete";
            case 'f' -> "Failed";
            default -> null;
        };
        String start = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * (name.charAt(1) - '0')).toString();
        JobBuilder b = new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withStartTime(start).endStatus();
        if (type != null) {
            b.editStatus().addNewCondition().withType(type).withStatus("True").endCondition().endStatus();
        }
        return b.build();
    }
}
