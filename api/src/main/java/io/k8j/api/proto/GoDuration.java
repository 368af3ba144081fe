package io.k8j.api.proto;

/**
 * Formats nanoseconds the way Go's {@code time.Duration.String()} does ("1h0m0s", "1.5s", "300ms", "0s"),
 * because that is the JSON form of {@code meta/v1.Duration}.
 */
final class GoDuration {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        // Unsigned arithmetic keeps Long.MIN_VALUE exact: its negation is 2^63 read as unsigned.
        long u = nanos < 0 ? -nanos : nanos;
        String sign = nanos < 0 ? "-" : "";
        if (Long.compareUnsigned(u, SECOND) < 0) {
            if (u < MICRO) {
                return sign + u + "ns";
            }
            return u < MILLI ? sign + fraction(u, MICRO) + "µs" : sign + fraction(u, MILLI) + "ms";
        }
        long totalSeconds = Long.divideUnsigned(u, SECOND);
        String seconds = fraction(Long.remainderUnsigned(u, SECOND) + (totalSeconds % 60) * SECOND, SECOND) + "s";
        long totalMinutes = totalSeconds / 60;
        if (totalMinutes == 0) {
            return sign + seconds;
        }
        String minutes = (totalMinutes % 60) + "m";
        long hours = totalMinutes / 60;
        return sign + (hours == 0 ? "" : hours + "h") + minutes + seconds;
    }

    /** value/unit with the remainder as a decimal fraction, trailing zeros dropped ("1.5", "2"). */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String frac = String.format("%0" + digits + "d", rest).replaceAll("0+$", "");
        return whole + "." + frac;
    }
}
