package io.k8j.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Keeps the database readable by its owner only. SQLite gives its -wal and -shm files the mode of the database
 * file, so creating that file 0600 before SQLite first opens it covers all three; files left looser by an older
 * version are tightened at open.
 */
final class OwnerOnlyFiles {
    private static final String MODE = "rw-------";

    private OwnerOnlyFiles() {
    }

    static void prepare(Path db) throws IOException {
        if (!db.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(db.getParent());
            return;
        }
        if (Files.notExists(db.getParent())) {
            Files.createDirectories(db.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        for (String suffix : List.of("", ".lock")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.notExists(file)) {
                // An empty file is a valid new SQLite database.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(MODE)));
            }
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal", ".lock")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(MODE));
            }
        }
    }
}
