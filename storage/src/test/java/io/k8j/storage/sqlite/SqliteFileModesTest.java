package io.k8j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database holds every secret: its files are the owner's alone, whoever made them. */
class SqliteFileModesTest {
    @TempDir
    Path tmp;

    @Test
    void aNewDatabaseItsWalAndShmAreOwnerOnly() throws IOException {
        Path db = tmp.resolve("db").resolve("state.db");
        try (SqliteStorage s = new SqliteStorage(db)) {
            s.create("/registry/secrets/ns/s", "value".getBytes(UTF_8));
            assertThat(mode(db.getParent())).isEqualTo("rwx------");
            for (String name : new String[] {"state.db", "state.db-wal", "state.db-shm", "state.db.lock"}) {
                assertThat(mode(db.resolveSibling(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void filesLeftWorldReadableAreTightenedAtOpen() throws IOException {
        Path db = tmp.resolve("state.db");
        try (SqliteStorage s = new SqliteStorage(db)) {
            s.create("/a", "1".getBytes(UTF_8));
        }
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        try (SqliteStorage s = new SqliteStorage(db)) {
            assertThat(mode(db)).isEqualTo("rw-------");
            assertThat(new String(s.get("/a").value(), UTF_8)).isEqualTo("1");
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
