package io.k8j.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as kube's cron library (robfig/cron, standard parser) reads it: five fields
 * (minute, hour, day of month, month, day of week; values, ranges, steps, names, {@code *} and {@code ?}),
 * the descriptors {@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}/
 * {@code @midnight}, {@code @hourly}, and {@code @every <duration>}. Day of month and day of week
 * combine with OR when both are restricted, with AND when either is a star, as in classic cron.
 * No cron library resolves here, hence this one; the API server validates the syntax beforehand.
 */
final class CronSchedule {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(h|m|s|ms)");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    private final Duration every;

    private CronSchedule(String[] f, Duration every) {
        this.every = every;
        this.minutes = every != null ? null : field(f[0], 0, 59, List.of());
        this.hours = every != null ? null : field(f[1], 0, 23, List.of());
        this.daysOfMonth = every != null ? null : field(f[2], 1, 31, List.of());
        this.months = every != null ? null : field(f[3], 1, 12, MONTHS);
        this.daysOfWeek = every != null ? null : field(f[4], 0, 6, DAYS);
        this.anyDayOfMonth = every == null && isStar(f[2]);
        this.anyDayOfWeek = every == null && isStar(f[4]);
    }

    /** Parses {@code spec}; throws IllegalArgumentException with the reason when it does not parse. */
    static CronSchedule parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("@every ")) {
            return new CronSchedule(null, duration(s.substring(7).trim()));
        }
        if (s.startsWith("@")) {
            String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + s);
            }
            s = expanded;
        }
        String[] fields = s.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": " + s);
        }
        return new CronSchedule(fields, null);
    }

    /** The first activation strictly after {@code after}, in {@code zone}; null if none within five years. */
    Instant next(Instant after, ZoneId zone) {
        if (every != null) {
            return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int limit = t.getYear() + 5;
        while (t.getYear() <= limit) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant();
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    private static boolean isStar(String field) {
        return field.startsWith("*") || field.startsWith("?");
    }


    private static BitSet field(String field, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String item : field.split(",")) {
            String[] stepParts = item.split("/");
            int step = stepParts.length == 2 ? Integer.parseInt(stepParts[1]) : 1;
            if (stepParts.length > 2 || step <= 0) {
                throw new IllegalArgumentException("bad step in " + item);
            }
            int start;
            int end;
            if (stepParts[0].equals("*") || stepParts[0].equals("?")) {
                start = min;
                end = max;
            } else {
                String[] bounds = stepParts[0].split("-");
                start = value(bounds[0], names, min);
                end = bounds.length == 2 ? value(bounds[1], names, min) : stepParts.length == 2 ? max : start;
            }
            if (start < min || end > max || start > end) {
                throw new IllegalArgumentException("out of range: " + item);
            }
            for (int v = start; v <= end; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String token, List<String> names, int min) {
        int named = names.indexOf(token.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + min;
        }
        return Integer.parseInt(token);
    }

    /** A Go duration such as 1h30m or 90s. */
    private static Duration duration(String text) {
        Matcher m = DURATION_PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            millis += (long) (amount * switch (m.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1_000;
                default -> 1;
            });
            end = m.end();
        }
        if (end != text.length() || end == 0 || millis < 1000) {
            throw new IllegalArgumentException("failed to parse duration " + text);
        }
        return Duration.ofMillis(millis);
    }
}
