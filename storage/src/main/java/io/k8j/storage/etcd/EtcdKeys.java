package io.k8j.storage.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.k8j.storage.KeyValue;
import io.k8j.storage.WatchEvent;
import java.util.Arrays;

/** Conversions between the storage SPI's types and jetcd's. */
final class EtcdKeys {
    /** etcd's "no upper bound" range end, and the smallest key (etcd keys cannot be empty). */
    static final ByteSequence NUL = ByteSequence.from(new byte[] {0});

    private EtcdKeys() {
    }

    static ByteSequence bytes(String key) {
        return key.isEmpty() ? NUL : ByteSequence.from(key, UTF_8);
    }

    /** The end of etcd's range for {@code prefix}: the prefix with its last byte below 0xff incremented. */
    static ByteSequence rangeEnd(String prefix) {
        byte[] b = prefix.getBytes(UTF_8);
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(b, i + 1);
                end[i]++;
                return ByteSequence.from(end);
            }
        }
        return NUL;
    }

    static KeyValue kv(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(kv.getKey().toString(UTF_8), kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision());
    }

    /** Null for an event without a previous value (etcd sends an empty one, or none once compacted). */
    private static KeyValue prev(io.etcd.jetcd.watch.WatchEvent e) {
        io.etcd.jetcd.KeyValue prev = e.getPrevKV();
        return prev == null || prev.getKey().isEmpty() ? null : kv(prev);
    }

    /** The SPI event for {@code e}, or null for an event type this client does not know. */
    static WatchEvent event(io.etcd.jetcd.watch.WatchEvent e) {
        io.etcd.jetcd.KeyValue current = e.getKeyValue();
        KeyValue prev = prev(e);
        return switch (e.getEventType()) {
            case PUT -> current.getVersion() == 1
                    ? new WatchEvent(WatchEvent.Type.CREATE, kv(current), null)
                    : new WatchEvent(WatchEvent.Type.UPDATE, kv(current), prev);
            case DELETE -> new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(current.getKey().toString(UTF_8),
                    prev == null ? new byte[0] : prev.value(), prev == null ? 0 : prev.createRevision(), current.getModRevision()), prev);
            case UNRECOGNIZED -> null;
        };
    }
}
