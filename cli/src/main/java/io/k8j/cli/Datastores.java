package io.k8j.cli;

import io.k8j.storage.Storage;
import io.k8j.storage.etcd.EtcdStorage;
import io.k8j.storage.sqlite.SqliteStorage;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;

/** Chooses the storage backend from --datastore-endpoint: etcd URLs, or embedded SQLite when absent. */
final class Datastores {
    private Datastores() {
    }

    static Storage open(String endpoint, Path dataDir) throws IOException {
        if (endpoint == null || endpoint.isBlank()) {
            return new SqliteStorage(dataDir.resolve("db").resolve("state.db"));
        }
        return EtcdStorage.connect(endpoint);
    }

    /** Refuses at parse time what {@link #open} cannot use: etcd is reached over http[s] only. */
    static final class Endpoint implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank() || value.startsWith("http://") || value.startsWith("https://")) {
                return value;
            }
            throw new TypeConversionException("expected http[s]://host:port[,...] for etcd, or nothing for embedded SQLite");
        }
    }
}
