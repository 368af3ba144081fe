package io.k8j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.pki.KubeconfigCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Throughput and latency of ConfigMap create, get, list, update, watch and delete through the API,
 * in that order, each phase over the same {@code --count} objects. One watcher observes the update
 * phase, so the update numbers include the cost of feeding a watch, as in any real cluster. Creates and
 * deletes are also measured as a service account bound to ClusterRole edit in the namespace, with a token from
 * the TokenRequest API, so that a non-admin identity's authentication and authorization cost is in the same run.
 */
@Command(name = "api", mixinStandardHelpOptions = true, description = "Benchmark the API server through HTTPS.")
final class ApiBench implements Callable<Integer> {
    private static final int PAGE = 500;
    private static final Duration WATCH_DRAIN = Duration.ofSeconds(30);
    private static final String SERVICE_ACCOUNT = "k8j-bench-editor";
    private static final String AS_SERVICE_ACCOUNT = " (service account, edit)";

    @Mixin
    CommonOptions options;

    @Option(names = "--kubeconfig", required = true, description = "Server URL and client certificate.")
    Path kubeconfig;

    @Option(names = "--list-rounds", defaultValue = "20", description = "Full lists of the namespace (default: ${DEFAULT-VALUE}).")
    int listRounds;

    @Override
    public Integer call() throws Exception {
        ApiClient api = new ApiClient(KubeconfigCredentials.read(kubeconfig), options.namespace);
        api.ensureNamespace();
        ApiClient editor = new ApiClient(KubeconfigCredentials.readServerTrust(kubeconfig), options.namespace,
                "/api/v1/namespaces/" + options.namespace + "/configmaps", EditorIdentity.token(api, SERVICE_ACCOUNT));
        String target = options.label != null ? options.label : "k8j API";
        Load load = new Load(target, new CpuMeter(options.serverPids));
        int n = options.count;
        int c = options.concurrency;
        warmUp(api, load);
        warmUpServiceAccount(editor, load);
        ObjectNode[] read = new ObjectNode[n];
        List<PhaseResult> results = new ArrayList<>();
        results.add(load.run("create", n, c, i -> api.create(newObject(ConfigMaps.name(i)))));
        results.add(load.run("create" + AS_SERVICE_ACCOUNT, n, c, i -> editor.create(newObject(serviceAccountsName(i)))));
        results.add(load.run("delete" + AS_SERVICE_ACCOUNT, n, c, i -> editor.delete(serviceAccountsName(i))));
        results.add(load.run("get", n, c, i -> read[i] = api.get(ConfigMaps.name(i))));
        results.add(load.run("list (all " + n + ", " + PAGE + "/page)", listRounds, Math.min(c, listRounds),
                i -> listAll(api, n)));
        results.addAll(updateWatched(api, load, target, read));
        results.add(load.run("delete", n, c, i -> api.delete(ConfigMaps.name(i))));
        return Report.print(results, options);
    }

    /** Creates, reads, updates, lists and deletes objects of other names, as the phases will. */
    private void warmUp(ApiClient api, Load load) {
        int w = options.warmup;
        int c = options.concurrency;
        String[] names = new String[w];
        Arrays.setAll(names, i -> "warmup-" + i);
        ObjectNode[] read = new ObjectNode[w];
        load.warmUp("create", w, c, i -> api.create(newObject(names[i])));
        load.warmUp("get", w, c, i -> read[i] = api.get(names[i]));
        load.warmUp("update", w, c, i -> api.update(changed(read[i])));
        load.warmUp("list", listRounds, Math.min(c, listRounds), i -> listAll(api, w));
        load.warmUp("delete", w, c, i -> api.delete(names[i]));
    }

    /** The service account's creates and deletes, on names of its own. */
    private void warmUpServiceAccount(ApiClient editor, Load load) {
        int w = options.warmup;
        load.warmUp("create" + AS_SERVICE_ACCOUNT, w, options.concurrency, i -> editor.create(newObject("warmup-sa-" + i)));
        load.warmUp("delete" + AS_SERVICE_ACCOUNT, w, options.concurrency, i -> editor.delete("warmup-sa-" + i));
    }

    private static String serviceAccountsName(int i) {
        return "sa-" + ConfigMaps.name(i);
    }

    /** Updates every object (PUT with the resourceVersion read in the get phase) under one watcher. */
    private List<PhaseResult> updateWatched(ApiClient api, Load load, String target, ObjectNode[] read) throws Exception {
        String before = api.list(1, null).path("metadata").path("resourceVersion").asText();
        long[] acks = new long[read.length];
        try (WatchProbe watch = new WatchProbe(api, before)) {
            long start = System.nanoTime();
            PhaseResult update = load.run("update", read.length, options.concurrency, i -> {
                api.update(changed(read[i]));
                acks[i] = System.nanoTime();
            });
            watch.await(read.length, WATCH_DRAIN);
            return List.of(update, watch.result(target, start, acks, ConfigMaps::name));
        }
    }

    private static void listAll(ApiClient api, int expected) throws IOException, InterruptedException {
        int items = 0;
        String token = null;
        do {
            ApiClient.PageCount page = api.countPage(PAGE, token);
            items += page.items();
            token = page.continueToken();
        } while (token != null && !token.isEmpty());
        if (items != expected) {
            throw new IOException("list returned " + items + " items, expected " + expected);
        }
    }

    private ObjectNode newObject(String name) {
        return ConfigMaps.object(options.namespace, name, options.payloadBytes);
    }

    /** The object as read, with a payload of the same size but other content, so the update is written. */
    private ObjectNode changed(ObjectNode read) {
        read.set("data", ConfigMaps.data(options.payloadBytes, 'b'));
        return read;
    }
}
