package io.k8j.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Which scheduled time is due (kube's mostRecentScheduleTime): the latest activation after the last
 * one run (or the CronJob's creation) and not after now, and how many were missed on the way. With
 * startingDeadlineSeconds, activations older than the deadline are not even looked at.
 */
record ScheduleTimes(Instant mostRecent, long missed) {
    /** kube warns (TooManyMissedTimes) beyond this many missed activations. */
    static final int TOO_MANY_MISSED = 100;
    /** Beyond this many activations to walk, jump ahead by the schedule's interval as kube does. */
    private static final int WALK_LIMIT = 1000;

    static ScheduleTimes due(CronSchedule schedule, ZoneId zone, Instant lastScheduled, Instant created,
                             Long startingDeadlineSeconds, Instant now) {
        Instant earliest = lastScheduled != null ? lastScheduled : created;
        if (startingDeadlineSeconds != null) {
            Instant deadline = now.minusSeconds(startingDeadlineSeconds);
            if (deadline.isAfter(earliest)) {
                earliest = deadline;
            }
        }
        Instant t1 = schedule.next(earliest, zone);
        if (t1 == null || t1.isAfter(now)) {
            return new ScheduleTimes(null, 0);
        }
        Instant t2 = schedule.next(t1, zone);
        if (t2 == null || t2.isAfter(now)) {
            return new ScheduleTimes(t1, 1);
        }
        long interval = Math.max(1, Duration.between(t1, t2).toSeconds());
        long approx = Duration.between(t1, now).toSeconds() / interval + 1;
        Instant from = t1;
        if (approx > WALK_LIMIT) {
            from = t1.plusSeconds((approx - 1 - 5) * interval);
        }
        Instant mostRecent = from;
        long walked = 1;
        for (Instant t = schedule.next(from, zone); t != null && !t.isAfter(now); t = schedule.next(t, zone)) {
            mostRecent = t;
            walked++;
        }
        return new ScheduleTimes(mostRecent, approx > WALK_LIMIT ? approx : walked);
    }

    /** Whether the due activation is past its starting deadline and must be skipped. */
    static boolean tooLate(Instant scheduled, Long startingDeadlineSeconds, Instant now) {
        return startingDeadlineSeconds != null && scheduled.plusSeconds(startingDeadlineSeconds).isBefore(now);
    }
}
