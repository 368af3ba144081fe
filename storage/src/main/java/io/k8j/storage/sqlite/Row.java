package io.k8j.storage.sqlite;

import io.k8j.storage.KeyValue;
import io.k8j.storage.WatchEvent;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the revision log: one write. A row is complete on its own, so a watch can be replayed
 * from it after older rows were compacted: {@code oldValue} is the value the write replaced and a
 * tombstone keeps the deleted value there ({@code value} is null).
 */
record Row(long id, String name, boolean created, boolean deleted, long createRevision, long prevRevision,
           byte[] value, byte[] oldValue) {

    static final String COLUMNS = "id, name, created, deleted, create_revision, prev_revision, value, old_value";

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0, rs.getLong(5),
                rs.getLong(6), rs.getBytes(7), rs.getBytes(8));
    }

    static Row create(long id, String name, long prevRevision, byte[] value) {
        return new Row(id, name, true, false, id, prevRevision, value, null);
    }

    static Row update(long id, Row current, byte[] value) {
        return new Row(id, current.name, false, false, current.createRevision, current.id, value, current.value);
    }

    static Row tombstone(long id, Row current) {
        return new Row(id, current.name, false, true, current.createRevision, current.id, null, current.value);
    }

    /** The key-value this write produced; for a delete, the deleted value at the delete's revision. */
    KeyValue kv() {
        return new KeyValue(name, deleted ? oldValue : value, createRevision, id);
    }

    WatchEvent event() {
        if (created) {
            return new WatchEvent(WatchEvent.Type.CREATE, kv(), null);
        }
        KeyValue prev = new KeyValue(name, oldValue, createRevision, prevRevision);
        return new WatchEvent(deleted ? WatchEvent.Type.DELETE : WatchEvent.Type.UPDATE, kv(), prev);
    }
}
