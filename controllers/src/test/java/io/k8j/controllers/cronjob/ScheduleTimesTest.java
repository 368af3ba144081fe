package io.k8j.controllers.cronjob;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTimesTest {
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:30Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
            "nothing due yet                 | * * * * *    | null                 | null | 2025-01-01T00:00:50Z | null                 | 0",
            "the first minute                | * * * * *    | null                 | null | 2025-01-01T00:01:05Z | 2025-01-01T00:01:00Z | 1",
            "already ran this minute         | * * * * *    | 2025-01-01T00:01:00Z | null | 2025-01-01T00:01:40Z | null                 | 0",
            "missed three, run the latest    | * * * * *    | 2025-01-01T00:01:00Z | null | 2025-01-01T00:04:10Z | 2025-01-01T00:04:00Z | 3",
            "deadline hides older misses     | * * * * *    | 2025-01-01T00:01:00Z | 90   | 2025-01-01T00:04:10Z | 2025-01-01T00:04:00Z | 2",
            "hourly after a long outage      | 0 * * * *    | 2025-01-01T00:00:00Z | null | 2025-01-10T05:30:00Z | 2025-01-10T05:00:00Z | 221",
            "a year of minutes jumps ahead   | * * * * *    | null                 | null | 2026-01-01T00:00:10Z | 2026-01-01T00:00:00Z | 525600",
    })
    void dueActivation(String name, String spec, String last, Long deadline, String now, String due, long missed) {
        ScheduleTimes t = ScheduleTimes.due(CronSchedule.parse(spec), ZoneOffset.UTC, last == null ? null : Instant.parse(last),
                CREATED, deadline, Instant.parse(now));
        assertThat(t.mostRecent()).isEqualTo(due == null ? null : Instant.parse(due));
        assertThat(t.missed()).isEqualTo(missed);
    }

    @ParameterizedTest(name = "scheduled 00:01, deadline {0}s, now {1} -> too late {2}")
    @CsvSource(nullValues = "null", value = {
            "null, 2025-01-01T05:00:00Z, false",
            "30, 2025-01-01T00:01:20Z, false",
            "30, 2025-01-01T00:01:30Z, false",
            "30, 2025-01-01T00:01:31Z, true",
    })
    void startingDeadline(Long deadline, String now, boolean tooLate) {
        assertThat(ScheduleTimes.tooLate(Instant.parse("2025-01-01T00:01:00Z"), deadline, Instant.parse(now))).isEqualTo(tooLate);
    }
}
