package io.k8j.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes credential files so that no reader ever sees them partially written or world-readable. */
public final class SecureFiles {
    private SecureFiles() {
    }

    /**
     * Creates {@code dir} 0700 if it is missing; an existing one is set to 0700 and its private keys ({@code *.key})
     * to 0600, so that keys a copy or an older version left readable by others are not left so.
     */
    public static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir, attributes(dir, "rwx------"));
            if (attributes(dir, "rwx------").length == 0) {
                return;
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> keys = Files.newDirectoryStream(dir, "*.key")) {
                for (Path key : keys) {
                    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * Replaces {@code file} with {@code content}: a temp file in the same directory is created with
     * its final mode (so a secret is never briefly readable by others), synced, then renamed over
     * the target, which is atomic, so kubectl or a restarting server reads the old or the new file.
     */
    public static void writeAtomically(Path file, String content, boolean secret) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    attributes(dir, secret ? "rw-------" : "rw-r--r--"));
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Non-POSIX file systems (Windows) get their default permissions rather than a failure. */
    private static FileAttribute<?>[] attributes(Path dir, String mode) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))};
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // Only reached after a failed write; the original error is the one worth reporting.
        }
    }
}
