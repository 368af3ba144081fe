package io.k8j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on DATA_DIR/k8j.lock, held for the life of the process, so two k8j processes never
 * share one database, PKI and pod directory. The OS releases it when the process ends, however it ends;
 * the file keeps the holder's pid and command for the message the next one gets.
 */
final class DataDirLock {
    static final String FILE = "k8j.lock";
    /** Held here so that the channel, and with it the lock, is never collected while the process runs. */
    private static volatile FileLock held;

    private DataDirLock() {
    }

    /** Locks {@code dataDir} for this process's {@code command} (server, agent) or fails with one line. */
    static void acquire(Path dataDir, String command) {
        Path file = dataDir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StartupFailure(dataDir + " is in use by another k8j " + holder(file)
                        + "; stop it or choose another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((command + " " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            held = lock;
        } catch (IOException e) {
            throw new StartupFailure("data dir " + dataDir + " is not writable (" + IoErrors.describe(file, e)
                    + "); choose another with --data-dir");
        }
    }

    /** "server (pid 123)" from what the holder wrote; just "process" if it has not written yet. */
    private static String holder(Path file) throws IOException {
        String[] words = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        return words.length == 2 ? words[0] + " (pid " + words[1] + ")" : "process";
    }
}
