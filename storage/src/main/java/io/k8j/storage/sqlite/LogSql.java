package io.k8j.storage.sqlite;

import io.k8j.storage.KeyValue;
import io.k8j.storage.support.Keys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the kine-style revision log; every method runs on the connection it is given. */
final class LogSql {
    private LogSql() {
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // AUTOINCREMENT: ids are revisions, and must never be reused even when compaction removes
            // the newest row (a tombstone), or a revision would go backwards.
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS kv (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
                      created INTEGER NOT NULL, deleted INTEGER NOT NULL, create_revision INTEGER NOT NULL,
                      prev_revision INTEGER NOT NULL, value BLOB, old_value BLOB)""");
            // Two writes that both read revision N of a key cannot both append after it.
            s.executeUpdate("CREATE UNIQUE INDEX IF NOT EXISTS kv_name_prev ON kv (name, prev_revision)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id)");
            // Kept out of the log so the compaction mark never shows up in lists or watches.
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }

    /** The highest revision ever assigned, even if its row was compacted away. */
    static long sequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'kv'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static long compactedMark(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'compacted'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static void setCompactedMark(Connection c, long revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta (name, value) VALUES ('compacted', ?)")) {
            ps.setLong(1, revision);
            ps.executeUpdate();
        }
    }

    /** The newest row of {@code name} (maybe a tombstone), or null. */
    static Row latest(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + Row.COLUMNS + " FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Row.read(rs) : null;
            }
        }
    }

    static void insert(Connection c, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv (" + Row.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, r.id());
            ps.setString(2, r.name());
            ps.setInt(3, r.created() ? 1 : 0);
            ps.setInt(4, r.deleted() ? 1 : 0);
            ps.setLong(5, r.createRevision());
            ps.setLong(6, r.prevRevision());
            ps.setBytes(7, r.value());
            ps.setBytes(8, r.oldValue());
            ps.executeUpdate();
        }
    }

    /** Live keys under {@code prefix} after {@code startAfter}, at most {@code max} (negative: all). */
    static List<KeyValue> list(Connection c, String prefix, String startAfter, int max) throws SQLException {
        String end = Keys.prefixEnd(prefix);
        String sql = "SELECT " + columns("kv") + " FROM kv JOIN (SELECT MAX(id) AS id FROM kv WHERE name >= ?"
                + (end != null ? " AND name < ?" : "") + (startAfter != null ? " AND name > ?" : "")
                + " GROUP BY name) latest ON kv.id = latest.id WHERE kv.deleted = 0 ORDER BY kv.name LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, prefix);
            if (end != null) {
                ps.setString(i++, end);
            }
            if (startAfter != null) {
                ps.setString(i++, startAfter);
            }
            ps.setInt(i, max);
            List<KeyValue> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(Row.read(rs).kv());
                }
            }
            return items;
        }
    }

    /** Rows with {@code after < id <= upTo} in revision order, at most {@code max}; the caller filters keys. */
    static List<Row> page(Connection c, long after, long upTo, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + Row.COLUMNS + " FROM kv WHERE id > ? AND id <= ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setInt(3, max);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Row.read(rs));
                }
            }
            return rows;
        }
    }

    /**
     * Deletes, among rows written in {@code (from, to]}, the tombstones and the rows they superseded,
     * and the rows superseded by the other writes there: kine's compaction, one window at a time.
     * Rows a later write (above the compaction revision) superseded stay, so the state at that
     * revision is intact.
     */
    static int compactWindow(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM kv WHERE id IN (
                  SELECT prev_revision FROM kv WHERE id > ? AND id <= ? AND prev_revision != 0
                  UNION SELECT id FROM kv WHERE id > ? AND id <= ? AND deleted != 0)""")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setLong(3, from);
            ps.setLong(4, to);
            return ps.executeUpdate();
        }
    }

    private static String columns(String table) {
        return table + "." + Row.COLUMNS.replace(", ", ", " + table + ".");
    }
}
