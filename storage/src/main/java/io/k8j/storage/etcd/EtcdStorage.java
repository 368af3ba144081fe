package io.k8j.storage.etcd;

import static io.k8j.storage.etcd.EtcdKeys.bytes;
import static io.k8j.storage.etcd.EtcdKeys.rangeEnd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.k8j.storage.CompactedException;
import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyExistsException;
import io.k8j.storage.KeyNotFoundException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.ValueTooLargeException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.support.Keys;
import io.k8j.storage.support.QueuedWatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * etcd v3 through jetcd. Every conditional write is one transaction comparing the key's revision, so
 * the outcome and the current value for a {@link ConflictException} come back in one round trip.
 *
 * <p>etcd does not say how far it has been compacted, so {@link #compactedRevision()} is the highest
 * compaction this instance performed or learned of from etcd (a watch that was refused); another API
 * server's compaction shows up there only once a watch runs into it.
 */
public final class EtcdStorage implements Storage {
    /** kube-apiserver's --etcd-healthcheck-timeout default. */
    private static final java.time.Duration HEALTH_TIMEOUT = java.time.Duration.ofSeconds(2);
    private final EtcdOptions options;
    private final Client client;
    private final KV kv;
    private final Watch watchClient;
    private final EtcdCalls calls;
    private final AtomicLong compacted = new AtomicLong();
    private final Map<QueuedWatch, Watch.Watcher> watches = new ConcurrentHashMap<>();

    public EtcdStorage(EtcdOptions options) {
        this.options = options;
        this.client = connect(options);
        this.kv = client.getKVClient();
        this.watchClient = client.getWatchClient();
        this.calls = new EtcdCalls(options.requestTimeout(), compacted);
    }

    /** Connects with default options to comma-separated {@code endpoints}. */
    public static EtcdStorage connect(String endpoints) {
        return new EtcdStorage(EtcdOptions.defaults(endpoints));
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        ValueTooLargeException.check(key, value, options.maxValueBytes());
        ByteSequence k = bytes(key);
        TxnResponse r = write(key, value, kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw new KeyExistsException(key);
        }
        long revision = r.getHeader().getRevision();
        return new KeyValue(key, value, revision, revision);
    }

    @Override
    public KeyValue get(String key) {
        List<io.etcd.jetcd.KeyValue> kvs = calls.await(kv.get(bytes(key))).getKvs();
        return kvs.isEmpty() ? null : EtcdKeys.kv(kvs.getFirst());
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        // Continue just past startAfter (key + NUL is its immediate successor), but never below the prefix.
        String from = startAfter != null && Keys.compare(startAfter + "\0", prefix) > 0 ? startAfter + "\0" : prefix;
        GetOption.Builder option = GetOption.builder().withRange(rangeEnd(prefix));
        if (limit > 0) {
            option.withLimit(limit);
        }
        // etcd returns a range in key order unless asked to sort, which would make it read the whole range.
        GetResponse r = calls.await(kv.get(bytes(from), option.build()));
        return new ListResult(r.getKvs().stream().map(EtcdKeys::kv).toList(), r.getHeader().getRevision(), r.isMore());
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        ValueTooLargeException.check(key, value, options.maxValueBytes());
        ByteSequence k = bytes(key);
        TxnResponse r = write(key, value, kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)), exists(k))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw notFoundOrConflict(key, r);
        }
        long createRevision = r.getPutResponses().getFirst().getPrevKv().getCreateRevision();
        return new KeyValue(key, value, createRevision, r.getHeader().getRevision());
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteSequence k = bytes(key);
        Cmp guard = expectedModRevision == 0 ? exists(k) : new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
        TxnResponse r = calls.await(kv.txn()
                .If(guard)
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw notFoundOrConflict(key, r);
        }
        io.etcd.jetcd.KeyValue prev = r.getDeleteResponses().getFirst().getPrevKvs().getFirst();
        return new KeyValue(key, prev.getValue().getBytes(), prev.getCreateRevision(), r.getHeader().getRevision());
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
        calls.checkWatchable(kv, afterRevision);
        QueuedWatch queued = new QueuedWatch(prefix, afterRevision, options.watchQueueCapacity(), listener, this::stop);
        WatchOption option = WatchOption.builder().withRange(rangeEnd(prefix)).withRevision(afterRevision + 1)
                .withPrevKV(true).build();
        Watch.Watcher watcher = watchClient.watch(bytes(prefix), option, Watch.listener(
                response -> response.getEvents().forEach(e -> {
                    WatchEvent event = EtcdKeys.event(e);
                    if (event != null) {
                        queued.offer(event);
                    }
                }),
                error -> queued.terminate(calls.watchFailure(error, afterRevision)),
                () -> queued.terminate(new StorageException("etcd ended the watch on " + prefix))));
        watches.put(queued, watcher);
        queued.start(null);
        return queued;
    }

    @Override
    public long currentRevision() {
        return calls.await(kv.get(EtcdKeys.NUL, GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
    }

    @Override
    public String healthCheckName() {
        return "etcd";
    }

    /** kube's etcd check: a linearizable read, which needs a leader and a quorum, within a short deadline. */
    @Override
    public void checkHealth() {
        calls.await(kv.get(EtcdKeys.NUL, GetOption.builder().withCountOnly(true).build()), HEALTH_TIMEOUT);
    }

    @Override
    public void compact(long revision) {
        calls.compact(kv, revision, CompactOption.builder().withCompactPhysical(true).build());
    }

    @Override
    public long compactedRevision() {
        return compacted.get();
    }

    @Override
    public void close() {
        for (QueuedWatch w : List.copyOf(watches.keySet())) {
            w.close();
        }
        client.close();
    }

    private void stop(QueuedWatch queued) {
        Watch.Watcher watcher = watches.remove(queued);
        if (watcher != null) {
            watcher.close();
        }
    }

    /**
     * Awaits a put. A value just under the limit can still make etcd's request (key, value and framing) too large:
     * that is the value's size too, not a failure of etcd.
     */
    private TxnResponse write(String key, byte[] value, java.util.concurrent.CompletableFuture<TxnResponse> txn) {
        try {
            return calls.await(txn);
        } catch (StorageException e) {
            if (String.valueOf(e.getMessage()).contains("request is too large")) {
                throw new ValueTooLargeException(key, value.length, options.maxValueBytes());
            }
            throw e;
        }
    }

    private static Cmp exists(ByteSequence k) {
        return new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0));
    }

    private static StorageException notFoundOrConflict(String key, TxnResponse r) {
        List<io.etcd.jetcd.KeyValue> current = r.getGetResponses().getFirst().getKvs();
        return current.isEmpty() ? new KeyNotFoundException(key) : new ConflictException(key, EtcdKeys.kv(current.getFirst()));
    }

    private static Client connect(EtcdOptions options) {
        ClientBuilder builder = Client.builder()
                .endpoints(options.endpoints().split(","))
                // Lists of many large objects easily pass gRPC's 4 MiB default; kube-apiserver lifts it too.
                .maxInboundMessageSize(Integer.MAX_VALUE);
        if (options.tls()) {
            try {
                builder.sslContext(ssl -> {
                    if (options.caFile() != null) {
                        ssl.trustManager(options.caFile().toFile());
                    }
                    if (options.certFile() != null) {
                        ssl.keyManager(options.certFile().toFile(), options.keyFile().toFile());
                    }
                });
            } catch (SSLException e) {
                throw new StorageException("bad etcd TLS settings: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
