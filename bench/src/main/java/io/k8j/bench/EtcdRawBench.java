package io.k8j.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.k8j.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The same create and get phases straight against etcd through jetcd, with the same concurrency and
 * value (the ConfigMap's JSON), so the API's cost over its storage is visible in one report. A create is
 * the transaction the etcd backend sends: put if the key was never created.
 */
@Command(name = "etcd", mixinStandardHelpOptions = true, description = "Benchmark raw etcd writes and reads through jetcd.")
final class EtcdRawBench implements Callable<Integer> {
    private static final long TIMEOUT_SECONDS = 60;

    @Mixin
    CommonOptions options;

    @Option(names = "--endpoints", required = true, description = "etcd client URLs, comma-separated.")
    String endpoints;

    @Override
    public Integer call() throws Exception {
        String target = options.label != null ? options.label : "etcd (jetcd)";
        // A prefix of its own, so this run never collides with the API server's keys or an earlier run.
        String prefix = "/k8j-bench-raw/" + System.currentTimeMillis() + "/" + options.namespace + "/";
        try (Client client = Client.builder().endpoints(endpoints.split(",")).build()) {
            KV kv = client.getKVClient();
            Load load = new Load(target, new CpuMeter(options.serverPids));
            load.warmUp("create", options.warmup, options.concurrency, i -> create(kv, prefix + "warmup/", i));
            load.warmUp("get", options.warmup, options.concurrency, i -> get(kv, prefix + "warmup/", i));
            List<PhaseResult> results = List.of(
                    load.run("create", options.count, options.concurrency, i -> create(kv, prefix, i)),
                    load.run("get", options.count, options.concurrency, i -> get(kv, prefix, i)));
            kv.delete(bytes(prefix), DeleteOption.builder().isPrefix(true).build()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Report.print(results, options);
        }
    }

    private void create(KV kv, String prefix, int i) throws Exception {
        ByteSequence key = bytes(prefix + ConfigMaps.name(i));
        byte[] value = Json.bytes(ConfigMaps.object(options.namespace, ConfigMaps.name(i), options.payloadBytes));
        TxnResponse r = kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, ByteSequence.from(value), PutOption.DEFAULT))
                .commit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!r.isSucceeded()) {
            throw new IllegalStateException("key exists: " + key);
        }
    }

    private static void get(KV kv, String prefix, int i) throws Exception {
        if (kv.get(bytes(prefix + ConfigMaps.name(i))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getKvs().isEmpty()) {
            throw new IllegalStateException("missing " + ConfigMaps.name(i));
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
