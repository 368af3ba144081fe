package io.k8j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state directory: given, or /var/lib/k8j for root and ~/.k8j for others, as k3s does. */
final class DataDirs {
    private DataDirs() {
    }

    static Path resolve(Path given) throws IOException {
        Path dir = path(given);
        Files.createDirectories(dir);
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
