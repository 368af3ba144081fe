package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.scheduler.Scheduler;
import io.k8j.scheduler.SchedulerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code k8j scheduler}: the scheduler alone, against any API server, with kube-scheduler's leader election flags. */
@Command(name = "scheduler", mixinStandardHelpOptions = true, description = "Run the k8j scheduler against an API server.")
final class SchedulerCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", required = true, description = "Kubeconfig of the API server to schedule for.")
    Path kubeconfig;

    @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long a lease lasts without renewal (default: ${DEFAULT-VALUE}).")
    Duration leaseDuration;

    @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long the leader tries to renew before giving up (default: ${DEFAULT-VALUE}).")
    Duration renewDeadline;

    @Option(names = "--leader-elect-retry-period", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often candidates try to acquire or renew (default: ${DEFAULT-VALUE}).")
    Duration retryPeriod;

    @Override
    public Integer call() throws Exception {
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        Scheduler scheduler = Scheduler.start(client,
                SchedulerOptions.defaults().withLease(leaseDuration, renewDeadline, retryPeriod));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            client.close();
            stopped.countDown();
        }, "k8j-scheduler-shutdown"));
        stopped.await();
        return 0;
    }

    /** Go-style durations as kube's flags take them: 15s, 500ms, 1m. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("not a duration: " + value);
            };
        }
    }
}
