package io.k8j.apiserver.table;

import java.time.Duration;

/**
 * Ages as kubectl prints them ("45s", "3m2s", "10m", "5h3m", "2d5h", "3y"): Kubernetes'
 * {@code duration.HumanDuration}, about two significant figures, so every Table cell reads like kube's.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    public static String format(Duration d) {
        // Go truncates toward zero; Duration.getSeconds() floors, which differs for negative fractions.
        long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
        // Up to one second in the future is clock skew between machines, shown as "now".
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return pair(minutes, "m", seconds % 60, "s");
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return pair(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return pair(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return pair(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    /** "5h3m", or just "5h" when the smaller unit is zero. */
    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + bigUnit : big + bigUnit + small + smallUnit;
    }
}
