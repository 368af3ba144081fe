package io.k8j.cli;

import io.k8j.storage.Storage;
import io.k8j.storage.etcd.EtcdStorage;
import io.k8j.storage.sqlite.SqliteStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Chooses the storage backend from --datastore-endpoint: etcd URLs, or embedded SQLite when absent. */
final class Datastores {
    private Datastores() {
    }

    static Storage open(String endpoint, Path dataDir) throws IOException {
        if (endpoint == null || endpoint.isBlank()) {
            Path db = dataDir.resolve("db");
            Files.createDirectories(db);
            return new SqliteStorage(db.resolve("state.db"));
        }
        if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
            return EtcdStorage.connect(endpoint);
        }
        throw new IllegalArgumentException("unsupported --datastore-endpoint " + endpoint
                + ": expected http[s]://host:port[,...] for etcd, or nothing for embedded SQLite");
    }
}
