package io.k8j.storage.etcd;

import io.k8j.storage.ValueTooLargeException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach etcd. Start from {@link #defaults(String)} and adjust with the {@code with...} methods.
 *
 * @param endpoints comma-separated client URLs, {@code http://} or {@code https://}
 * @param caFile PEM CA bundle to trust for https, or null for the JVM's default trust
 * @param certFile PEM client certificate for mutual TLS, or null
 * @param keyFile PEM (PKCS#8) key of {@code certFile}, or null
 * @param maxValueBytes larger values are rejected before they reach etcd
 * @param watchQueueCapacity events a watch may fall behind before it is ended
 * @param requestTimeout how long one request may take before it fails
 */
public record EtcdOptions(String endpoints, Path caFile, Path certFile, Path keyFile, int maxValueBytes,
                          int watchQueueCapacity, Duration requestTimeout) {

    public static EtcdOptions defaults(String endpoints) {
        return new EtcdOptions(endpoints, null, null, null, ValueTooLargeException.DEFAULT_LIMIT, 10_000, Duration.ofSeconds(30));
    }

    public EtcdOptions withTls(Path ca, Path cert, Path key) {
        return new EtcdOptions(endpoints, ca, cert, key, maxValueBytes, watchQueueCapacity, requestTimeout);
    }

    public EtcdOptions withMaxValueBytes(int max) {
        return new EtcdOptions(endpoints, caFile, certFile, keyFile, max, watchQueueCapacity, requestTimeout);
    }

    public EtcdOptions withWatchQueueCapacity(int capacity) {
        return new EtcdOptions(endpoints, caFile, certFile, keyFile, maxValueBytes, capacity, requestTimeout);
    }

    public EtcdOptions withRequestTimeout(Duration timeout) {
        return new EtcdOptions(endpoints, caFile, certFile, keyFile, maxValueBytes, watchQueueCapacity, timeout);
    }

    boolean tls() {
        return endpoints.contains("https://");
    }
}
