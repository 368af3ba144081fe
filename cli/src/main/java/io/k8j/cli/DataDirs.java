package io.k8j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state directory: given, or /var/lib/k8j for root and ~/.k8j for others, as k3s does. It holds the database,
 * keys and pod volumes (secrets among them), so only its owner may enter it: it is made 0700, and a looser one
 * found at start is tightened.
 */
final class DataDirs {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirs() {
    }

    static Path resolve(Path given) throws IOException {
        Path dir = path(given);
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            return dir;
        }
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (mode.removeAll(OTHERS)) {
            Files.setPosixFilePermissions(dir, mode);
        }
        return dir;
    }

    /** {@link #resolve}, refusing with one line when the directory cannot be made. */
    static Path create(Path given) {
        try {
            return resolve(given);
        } catch (IOException e) {
            throw new StartupFailure("cannot create data dir " + path(given).toAbsolutePath() + " ("
                    + IoErrors.describe(path(given), e) + "); choose another with --data-dir");
        }
    }

    /** The directory, absolute, whether or not it exists. */
    static Path path(Path given) {
        Path dir = given != null ? given
                : "root".equals(System.getProperty("user.name")) ? Path.of("/var/lib/k8j")
                : Path.of(System.getProperty("user.home"), ".k8j");
        return dir.toAbsolutePath();
    }
}
