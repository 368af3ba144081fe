package io.k8j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.KeyValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged write survives SIGKILL of the process that made it. */
class SqliteKillTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path db = dir.resolve("storm.db");
        Process child = startStorm(db);
        List<String> acks = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> readCompleteLines(child.getInputStream(), acks));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(acks) >= 2000 || !child.isAlive());
            assertThat(child.isAlive()).as("storm still running; its stderr:\n%s", stderr()).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close(), mid-transaction
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }

        Map<String, String> acknowledged = new HashMap<>();
        synchronized (acks) {
            for (String line : acks) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("ACK")) {
                    acknowledged.put(parts[1], parts[2]); // v1 is acknowledged after v0
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(500);
        try (SqliteStorage reopened = new SqliteStorage(SqliteOptions.defaults(db).withoutAutoCompact())) {
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                KeyValue kv = reopened.get(ack.getKey());
                assertThat(kv).as("acknowledged key %s", ack.getKey()).isNotNull();
                if (ack.getValue().equals("v1")) {
                    assertThat(new String(kv.value(), UTF_8)).as(ack.getKey()).isEqualTo("v1");
                }
            }
        }
    }

    private Process startStorm(Path db) throws IOException {
        // Surefire may put the test classpath in a manifest-only jar; this property has the real one.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", classpath));
        String sqliteTmp = System.getProperty("org.sqlite.tmpdir");
        if (sqliteTmp != null) {
            command.add(1, "-Dorg.sqlite.tmpdir=" + sqliteTmp);
        }
        command.add(SqliteWriteStorm.class.getName());
        command.add(db.toString());
        return new ProcessBuilder(command).redirectError(dir.resolve("storm.err").toFile()).start();
    }

    /** Keeps only newline-terminated lines: the last one may be cut off by the kill. */
    private static void readCompleteLines(InputStream in, List<String> lines) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        synchronized (lines) {
                            lines.add(line.toString(UTF_8));
                        }
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException ignored) {
            // the pipe breaks when the child dies
        }
    }

    private static int count(List<String> lines) {
        synchronized (lines) {
            return lines.size();
        }
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("storm.err"));
    }
}
