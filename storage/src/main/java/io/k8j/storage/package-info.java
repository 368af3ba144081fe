/**
 * The storage SPI ({@link io.k8j.storage.Storage}) and its backends.
 *
 * <pre>{@code
 * Storage embedded = new SqliteStorage(Path.of("/var/lib/k8j/state.db"));              // defaults
 * Storage tuned = new SqliteStorage(SqliteOptions.defaults(path).withoutAutoCompact());
 * Storage remote = EtcdStorage.connect("https://10.0.0.1:2379,https://10.0.0.2:2379");
 * Storage secure = new EtcdStorage(EtcdOptions.defaults(endpoints).withTls(ca, cert, key));
 * Storage cached = new WatchCache(embedded);  // what the API server should read through
 * }</pre>
 *
 * <p>The conformance suite every backend passes, {@code StorageConformanceTest}, and the test etcd
 * launchers {@code etcd.EtcdProcess} (one member) and {@code etcd.EtcdCluster} ship in this module's test-jar.
 */
package io.k8j.storage;
