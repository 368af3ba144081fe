package io.k8j.apiserver.registry.strategy;

import java.util.List;
import java.util.Locale;

/**
 * Syntax check of a CronJob schedule as the cron library kube uses parses it: five fields (minute, hour,
 * day of month, month, day of week) of comma-separated values, ranges and steps, month and weekday names,
 * or a descriptor such as {@code @hourly} or {@code @every 1h30m}. It only validates; it computes no times.
 */
final class CronSchedule {
    private record Field(int min, int max, List<String> names) {
    }

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final List<Field> FIELDS = List.of(new Field(0, 59, List.of()), new Field(0, 23, List.of()),
            new Field(1, 31, List.of()), new Field(1, 12, MONTHS), new Field(0, 6, DAYS));
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final String GO_DURATION = "([0-9]+(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+";

    private CronSchedule() {
    }

    /** Why {@code schedule} does not parse, in the library's words, or null when it does. */
    static String problem(String schedule) {
        String s = schedule.trim();
        if (s.startsWith("@")) {
            if (DESCRIPTORS.contains(s)) {
                return null;
            }
            if (s.startsWith("@every ")) {
                String d = s.substring("@every ".length()).trim();
                return d.matches(GO_DURATION) ? null : "failed to parse duration " + s + ": time: invalid duration \"" + d + "\"";
            }
            return "unrecognized descriptor: " + s;
        }
        String[] parts = s.isEmpty() ? new String[0] : s.split("\\s+");
        if (parts.length != FIELDS.size()) {
            return "expected exactly 5 fields, found " + parts.length + ": [" + String.join(" ", parts) + "]";
        }
        for (int i = 0; i < parts.length; i++) {
            for (String item : parts[i].split(",", -1)) {
                String p = range(item, FIELDS.get(i));
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Checks one "a", "a-b", "*", or any of them with "/step". */
    private static String range(String expr, Field f) {
        String[] stepParts = expr.split("/", -1);
        if (stepParts.length > 2) {
            return "too many slashes: " + expr;
        }
        String[] bounds = stepParts[0].split("-", -1);
        if (bounds.length > 2) {
            return "too many hyphens: " + expr;
        }
        int start;
        int end;
        if (stepParts[0].equals("*") || stepParts[0].equals("?")) {
            start = f.min();
            end = f.max();
        } else {
            Integer a = value(bounds[0], f);
            Integer b = bounds.length == 2 ? value(bounds[1], f) : a;
            if (a == null || b == null) {
                String bad = a == null ? bounds[0] : bounds[1];
                return "failed to parse int from " + bad + ": strconv.Atoi: parsing \"" + bad + "\": invalid syntax";
            }
            start = a;
            end = bounds.length == 1 && stepParts.length == 2 ? f.max() : b; // "5/15" means from 5 to the maximum
        }
        if (stepParts.length == 2) {
            Integer step = value(stepParts[1], new Field(0, 0, List.of()));
            if (step == null || step <= 0) {
                return "step of range should be a positive number: " + expr;
            }
        }
        if (start < f.min()) {
            return "beginning of range (" + start + ") below minimum (" + f.min() + "): " + expr;
        }
        if (end > f.max()) {
            return "end of range (" + end + ") above maximum (" + f.max() + "): " + expr;
        }
        if (start > end) {
            return "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr;
        }
        return null;
    }

    /** A number, or a month/day name (case-insensitive) where the field has names. */
    private static Integer value(String token, Field f) {
        int named = f.names().indexOf(token.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + (f.names() == MONTHS ? 1 : 0);
        }
        return token.matches("[0-9]{1,9}") ? Integer.valueOf(token) : null;
    }

    /** Kube rejects time zones inside the schedule; the timeZone field replaces them. */
    static boolean hasTimeZone(String schedule) {
        String s = schedule.trim();
        return s.startsWith("TZ=") || s.startsWith("CRON_TZ=");
    }
}
