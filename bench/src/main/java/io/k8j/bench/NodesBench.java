package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.KubeconfigCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Whether nodes stay Ready: waits until {@code --count} nodes named {@code --name-prefix}N are Ready, then
 * watches their Leases for {@code --observe} seconds and reports the longest time any node went without a
 * renewal. A node lifecycle controller marks a node NotReady after 40 s without one (the Lease's duration).
 */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Check that nodes register and stay Ready.")
final class NodesBench implements Callable<Integer> {
    static final String HEADER = """
            | nodes | all Ready after s | observed s | Ready at the end | lease renewals seen | longest renewal gap s \
            | nodes with a gap over 40 s |
            |---:|---:|---:|---:|---:|---:|---:|""";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(40);

    @Option(names = "--kubeconfig", required = true, description = "Server URL and client certificate.")
    Path kubeconfig;

    @Option(names = "--count", required = true, description = "How many nodes to expect.")
    int count;

    @Option(names = "--name-prefix", defaultValue = "hollow-", description = "Node name prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--observe", defaultValue = "120", description = "Seconds to watch the Leases (default: ${DEFAULT-VALUE}).")
    int observeSeconds;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for the nodes to be Ready (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--no-header", description = "Print the table row only.")
    boolean noHeader;

    @Override
    public Integer call() throws Exception {
        KubeconfigCredentials credentials = KubeconfigCredentials.read(kubeconfig);
        ApiClient nodes = new ApiClient(credentials, "", "/api/v1/nodes");
        ApiClient leases = new ApiClient(credentials, "kube-node-lease", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases");
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int ready;
        while ((ready = ready(nodes)) < count && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
        }
        double readyAfter = PodBench.seconds(System.nanoTime() - start);
        if (ready < count) {
            System.err.printf("nodes: only %d of %d Ready after %d s%n", ready, count, timeoutSeconds);
        }
        Map<String, Long> last = new HashMap<>();
        long[] renewals = {0};
        long[] longest = {0};
        java.util.Set<String> late = new java.util.HashSet<>();
        long watchStart = System.nanoTime();
        long watchEnd = watchStart + TimeUnit.SECONDS.toNanos(observeSeconds);
        String rv = leases.list(1, null).path("metadata").path("resourceVersion").asText();
        int rewatches = -1;
        // A watch the server ends early (a slow reader, a restart) is opened again from the last version
        // seen, as informers do, so that the window is observed whole.
        // (timeoutSeconds is whole seconds: the last second of the window is not worth a watch of its own)
        for (long left = watchEnd - System.nanoTime(); left >= TimeUnit.SECONDS.toNanos(1); left = watchEnd - System.nanoTime()) {
            rewatches++;
            rv = observe(leases, rv, (int) TimeUnit.NANOSECONDS.toSeconds(left), (name, now) -> {
                if (name.startsWith(prefix)) {
                    renewals[0]++;
                    long gap = now - last.getOrDefault(name, watchStart);
                    longest[0] = Math.max(longest[0], gap);
                    if (gap > LEASE_DURATION.toNanos()) {
                        late.add(name);
                    }
                    last.put(name, now);
                }
            });
        }
        if (rewatches > 0) {
            System.err.printf("nodes: the Lease watch was opened again %d times%n", rewatches);
        }
        long end = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long gap = end - last.getOrDefault(prefix + i, watchStart);
            longest[0] = Math.max(longest[0], gap);
            if (gap > LEASE_DURATION.toNanos()) {
                late.add(prefix + i);
            }
        }
        int readyAtEnd = ready(nodes);
        if (!noHeader) {
            System.out.println(HEADER);
        }
        System.out.printf(Locale.ROOT, "| %d | %.1f | %.0f | %d | %d | %.1f | %d |%n", count, readyAfter,
                PodBench.seconds(end - watchStart), readyAtEnd, renewals[0], PodBench.seconds(longest[0]), late.size());
        return readyAtEnd == count && late.isEmpty() ? 0 : 1;
    }

    /** Reads one watch until the server ends it; returns the last resourceVersion seen. */
    private static String observe(ApiClient leases, String rv, int seconds, java.util.function.ObjLongConsumer<String> renewed)
            throws Exception {
        try (InputStream in = leases.watch(rv, seconds)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long now = System.nanoTime();
                JsonNode event = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                JsonNode meta = event.path("object").path("metadata");
                if (event.path("type").asText().equals("ERROR")) {
                    throw new java.io.IOException("lease watch: " + line); // e.g. 410 Gone: the window is lost
                }
                rv = meta.path("resourceVersion").asText(rv);
                if (!event.path("type").asText().equals("BOOKMARK")) {
                    renewed.accept(meta.path("name").asText(), now);
                }
            }
        }
        return rv;
    }

    private int ready(ApiClient nodes) throws Exception {
        int ready = 0;
        for (JsonNode node : nodes.list(100_000, null).path("items")) {
            if (!node.path("metadata").path("name").asText().startsWith(prefix)) {
                continue;
            }
            for (JsonNode c : node.path("status").path("conditions")) {
                if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
                    ready++;
                }
            }
        }
        return ready;
    }
}
