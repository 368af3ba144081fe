package io.k8j.controllers.cronjob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    @ParameterizedTest(name = "\"{0}\" after {1} -> {2}")
    @CsvSource({
            "* * * * *,          2025-01-01T00:00:00Z, 2025-01-01T00:01:00Z",
            "* * * * *,          2025-01-01T00:00:30Z, 2025-01-01T00:01:00Z",
            "*/15 * * * *,       2025-01-01T00:15:00Z, 2025-01-01T00:30:00Z",
            "5/20 * * * *,       2025-01-01T00:26:00Z, 2025-01-01T00:45:00Z",
            "0 3 * * *,          2025-01-01T04:00:00Z, 2025-01-02T03:00:00Z",
            "30 9 * * mon-fri,   2025-01-03T10:00:00Z, 2025-01-06T09:30:00Z",   // Friday -> Monday
            "0 0 1 jan *,        2025-03-01T00:00:00Z, 2026-01-01T00:00:00Z",
            "0 0 31 * *,         2025-02-01T00:00:00Z, 2025-03-31T00:00:00Z",   // skips short months
            "0 0 29 2 *,         2025-01-01T00:00:00Z, 2028-02-29T00:00:00Z",   // next leap day
            "0 12 1 * 0,         2025-01-02T00:00:00Z, 2025-01-05T12:00:00Z",   // day of month OR day of week
            "0 12 */7 * *,       2025-01-02T00:00:00Z, 2025-01-08T12:00:00Z",
            "0 0 ? * sun,        2025-01-01T00:00:00Z, 2025-01-05T00:00:00Z",
            "1-3/2 8 * * *,      2025-01-01T08:01:00Z, 2025-01-01T08:03:00Z",
            "'0,30 * * * *',     2025-01-01T00:10:00Z, 2025-01-01T00:30:00Z",
            "@hourly,            2025-01-01T00:10:00Z, 2025-01-01T01:00:00Z",
            "@daily,             2025-01-01T00:00:00Z, 2025-01-02T00:00:00Z",
            "@midnight,          2025-01-01T23:59:00Z, 2025-01-02T00:00:00Z",
            "@weekly,            2025-01-01T00:00:00Z, 2025-01-05T00:00:00Z",
            "@monthly,           2025-01-15T00:00:00Z, 2025-02-01T00:00:00Z",
            "@yearly,            2025-01-15T00:00:00Z, 2026-01-01T00:00:00Z",
            "@annually,          2025-01-15T00:00:00Z, 2026-01-01T00:00:00Z",
            "@every 90s,         2025-01-01T00:00:10Z, 2025-01-01T00:01:40Z",
            "@every 1h30m,       2025-01-01T00:00:00Z, 2025-01-01T01:30:00Z",
    })
    void nextActivationInUtc(String spec, String after, String next) {
        assertThat(CronSchedule.parse(spec).next(Instant.parse(after), ZoneOffset.UTC)).isEqualTo(Instant.parse(next));
    }

    @Test
    void aTimeZoneMovesTheWallClock() {
        CronSchedule daily9 = CronSchedule.parse("0 9 * * *");
        assertThat(daily9.next(Instant.parse("2024-12-31T23:00:00Z"), ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z")); // 09:00 JST
        assertThat(daily9.next(Instant.parse("2025-07-01T00:00:00Z"), ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2025-07-01T13:00:00Z")); // EDT is UTC-4
    }

    @Test
    void aTimeSkippedBySpringForwardRunsAfterTheGap() {
        // 2025-03-09 02:30 does not exist in New York: the clocks jump from 02:00 to 03:00.
        Instant next = CronSchedule.parse("30 2 * * *").next(Instant.parse("2025-03-09T06:00:00Z"), ZoneId.of("America/New_York"));
        assertThat(next).isEqualTo(Instant.parse("2025-03-10T06:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * *", "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "@often",
            "*/0 * * * *", "5-1 * * * *", "a * * * *", "@every 5x"})
    void rejectsWhatCronRejects(String spec) {
        assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
