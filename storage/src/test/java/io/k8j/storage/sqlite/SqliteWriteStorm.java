package io.k8j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.k8j.storage.KeyValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link SqliteKillTest}: several threads create and update keys until the
 * process is killed, printing {@code ACK key value} for each write only after the store returned it.
 */
public final class SqliteWriteStorm {
    private SqliteWriteStorm() {
    }

    public static void main(String[] args) throws InterruptedException {
        SqliteStorage storage = new SqliteStorage(SqliteOptions.defaults(Path.of(args[0])).withoutAutoCompact());
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            writers.add(Thread.ofPlatform().start(() -> {
                // Bounded so a child the test failed to kill still ends by itself.
                for (int i = 0; i < 200_000; i++) {
                    String key = "/storm/" + writer + "/" + i;
                    KeyValue kv = storage.create(key, "v0".getBytes(UTF_8));
                    ack(key, "v0");
                    storage.update(key, "v1".getBytes(UTF_8), kv.modRevision());
                    ack(key, "v1");
                }
            }));
        }
        for (Thread w : writers) {
            w.join();
        }
        storage.close();
    }

    private static void ack(String key, String value) {
        synchronized (System.out) {
            System.out.println("ACK " + key + " " + value);
            System.out.flush();
        }
    }
}
