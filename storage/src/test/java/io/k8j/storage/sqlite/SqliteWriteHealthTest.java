package io.k8j.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8j.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite health check: a failed client write (here a full database, capped with max_page_count) keeps it
 * failing, though the probe's own small write still fits, until a client write succeeds again.
 */
class SqliteWriteHealthTest {
    @TempDir
    Path dir;

    private static long pageCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Void insert(Connection c, int bytes) throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO kv (name, created, deleted, create_revision, prev_revision, value)"
                + " VALUES (?, 1, 0, 0, 0, ?)")) {
            st.setString(1, "/health-test/" + System.nanoTime());
            st.setBytes(2, new byte[bytes]);
            st.executeUpdate();
        }
        return null;
    }

    @Test
    void aFailedWriteMakesItUnhealthyUntilAWriteSucceeds() {
        try (SqliteDb db = new SqliteDb(SqliteOptions.defaults(dir.resolve("state.db")))) {
            db.probe(1);
            db.write(c -> insert(c, 10), v -> { });
            assertThat(db.writeFailure()).isNull();

            long pages = db.withWriter(SqliteWriteHealthTest::pageCount);
            db.withWriter(c -> {
                SqliteDb.exec(c, "PRAGMA max_page_count = " + pages);
                return null;
            });
            assertThatThrownBy(() -> db.write(c -> insert(c, 200_000), v -> { })).isInstanceOf(StorageException.class);
            assertThat(db.writeFailure()).contains("SQLITE_FULL");
            assertThatCode(() -> db.probe(2)).doesNotThrowAnyException();
            assertThat(db.writeFailure()).as("a probe that fits does not clear it").contains("SQLITE_FULL");

            db.withWriter(c -> {
                SqliteDb.exec(c, "PRAGMA max_page_count = " + (pages + 1000));
                return null;
            });
            db.write(c -> insert(c, 200_000), v -> { });
            assertThat(db.writeFailure()).isNull();
        }
    }

    @Test
    void theStoreNamesItsCheckAndPasses() {
        try (SqliteStorage storage = new SqliteStorage(dir.resolve("other.db"))) {
            assertThat(storage.healthCheckName()).isEqualTo("sqlite");
            assertThatCode(storage::checkHealth).doesNotThrowAnyException();
        }
    }
}
