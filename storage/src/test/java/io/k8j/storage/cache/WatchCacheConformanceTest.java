package io.k8j.storage.cache;

import io.k8j.storage.Storage;
import io.k8j.storage.StorageConformanceTest;
import io.k8j.storage.sqlite.SqliteOptions;
import io.k8j.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class WatchCacheConformanceTest extends StorageConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected Storage newStorage() {
        return new WatchCache(new SqliteStorage(SqliteOptions.defaults(dir.resolve("k8j.db"))));
    }
}
