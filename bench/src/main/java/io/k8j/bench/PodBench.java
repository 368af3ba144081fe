package io.k8j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.KubeconfigCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduling throughput and pod startup latency, as scheduler_perf and the pod startup SLO measure them:
 * {@code --concurrency} creators post {@code --count} pods (as fast as they can, or paced at {@code --rate}
 * pods/s), and one watch notes when each is seen bound and seen Running. Prints one Markdown row.
 */
@Command(name = "pods", mixinStandardHelpOptions = true, description = "Benchmark scheduling and pod startup.")
final class PodBench implements Callable<Integer> {
    static final String HEADER = """
            | target | pods | creators | paced at | errors | created/s | scheduled pods/s (first create to last bound) \
            | bound pods/s (first to last bind) | steady pods/s (10%-90% bound) | create to bound p99 ms | startup p50 ms | p90 ms | p99 ms | max ms \
            | all Running after s |
            |---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    @Option(names = "--kubeconfig", required = true, description = "Server URL and client certificate.")
    Path kubeconfig;

    @Option(names = "--count", defaultValue = "1000", description = "Pods to create (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent creators (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0", description = "Creations per second, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--namespace", defaultValue = "k8j-pods", description = "Namespace of the pods (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--cpu", defaultValue = "10m", description = "CPU request of each pod (default: ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", defaultValue = "16Mi", description = "Memory request of each pod (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds to wait for all pods to run (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--label", defaultValue = "k8j", description = "The target column of the report.")
    String label;

    @Option(names = "--no-header", description = "Print the table row only.")
    boolean noHeader;

    @Option(names = "--cleanup", description = "Delete the pods afterwards and wait until they are gone (a node holds 110).")
    boolean cleanup;

    @Override
    public Integer call() throws Exception {
        ApiClient api = new ApiClient(KubeconfigCredentials.read(kubeconfig), namespace,
                "/api/v1/namespaces/" + namespace + "/pods");
        api.ensureNamespace();
        String before = api.list(1, null).path("metadata").path("resourceVersion").asText();
        long[] created = new long[count];
        AtomicInteger errors = new AtomicInteger();
        long start;
        long createdEnd;
        PodLatencies result;
        try (PodWatch watch = new PodWatch(api, before)) {
            start = System.nanoTime();
            create(api, created, start, errors);
            createdEnd = System.nanoTime();
            // A marker for scripts that start the scheduler only now, to time it on a backlog.
            System.err.printf(Locale.ROOT, "pods: created %d pods in %.1f s%n", count - errors.get(), seconds(createdEnd - start));
            if (!watch.awaitRunning(count - errors.get(), Duration.ofSeconds(timeoutSeconds))) {
                System.err.printf("pods: %d of %d pods Running after %d s%s%n", watch.running.size(), count, timeoutSeconds,
                        watch.failure() == null ? "" : " (" + watch.failure() + ")");
            }
            result = PodLatencies.of(created, start, watch.bound, watch.running, PodBench::name);
        }
        int failed = errors.get() + result.missing();
        if (!noHeader) {
            System.out.println(HEADER);
        }
        System.out.println(result.markdownRow(label, concurrency, rate > 0 ? rate + " pods/s" : "unpaced", failed,
                count / seconds(createdEnd - start)));
        if (cleanup && !deleteAll(api)) {
            failed++;
        }
        return failed == 0 ? 0 : 1;
    }

    /** Deletes the pods and waits (bounded by --timeout) until the kubelet has stopped them and they are gone. */
    private boolean deleteAll(ApiClient api) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            try {
                api.delete(name(i));
            } catch (IOException e) {
                System.err.println("pods: delete " + name(i) + ": " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (api.list(1, null).path("items").isEmpty()) {
                return true;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        System.err.println("pods: not all gone " + timeoutSeconds + " s after their deletion");
        return false;
    }

    private void create(ApiClient api, long[] created, long start, AtomicInteger errors) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> creators = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            creators.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        if (rate > 0) {
                            TimeUnit.NANOSECONDS.sleep(start + (long) (i * 1e9 / rate) - System.nanoTime());
                        }
                        created[i] = System.nanoTime();
                        api.create(pod(name(i)));
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("pods: create " + name(i) + ": " + e.getMessage());
                        }
                    }
                }
            }));
        }
        for (Thread t : creators) {
            t.join();
        }
    }

    private ObjectNode pod(String name) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels").put("app", "k8j-bench");
        // The servers benchmarked here run without a controller manager, so no kube-root-ca.crt is published for
        // the service account volume; the pods opt out of it (and of a TokenRequest each).
        ObjectNode spec = pod.putObject("spec").put("terminationGracePeriodSeconds", 1)
                .put("automountServiceAccountToken", false);
        // IfNotPresent: a node with no registry runs the busybox it has (Always would ask the registry).
        ObjectNode c = spec.putArray("containers").addObject().put("name", "sleep").put("image", "busybox")
                .put("imagePullPolicy", "IfNotPresent");
        c.putArray("command").add("sleep").add("3600");
        c.putObject("resources").putObject("requests").put("cpu", cpu).put("memory", memory);
        return pod;
    }

    static String name(int i) {
        return String.format("pod-%05d", i);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
