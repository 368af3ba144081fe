package io.k8j.cli;

import io.k8j.client.LeaseTimings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flags of a component run on its own against an API server: its kubeconfig, and kube's
 * --leader-elect-* flags, since such components elect a leader.
 */
final class StandaloneFlags {
    @Option(names = "--kubeconfig", required = true, description = "Kubeconfig of the API server to work with.")
    Path kubeconfig;

    @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", converter = GoDuration.class,
            description = "How long a lease lasts without renewal (default: ${DEFAULT-VALUE}).")
    Duration leaseDuration;

    @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", converter = GoDuration.class,
            description = "How long the leader tries to renew before giving up (default: ${DEFAULT-VALUE}).")
    Duration renewDeadline;

    @Option(names = "--leader-elect-retry-period", defaultValue = "2s", converter = GoDuration.class,
            description = "How often candidates try to acquire or renew (default: ${DEFAULT-VALUE}).")
    Duration retryPeriod;

    LeaseTimings timings() {
        return new LeaseTimings(leaseDuration, renewDeadline, retryPeriod);
    }

    /** Go-style durations as kube's flags take them: 15s, 500ms, 1m. */
    static final class GoDuration implements ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 40s, 5m or 1h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }
}
