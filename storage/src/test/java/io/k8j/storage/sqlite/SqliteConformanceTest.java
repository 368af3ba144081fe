package io.k8j.storage.sqlite;

import io.k8j.storage.Storage;
import io.k8j.storage.StorageConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConformanceTest extends StorageConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected Storage newStorage() {
        return new SqliteStorage(SqliteOptions.defaults(dir.resolve("k8j.db")));
    }
}
