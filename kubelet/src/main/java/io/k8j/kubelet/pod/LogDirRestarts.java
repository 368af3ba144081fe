package io.k8j.kubelet.pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * kube's calcRestartCountByLogDir: when the runtime has no record of a container (its state was lost: the
 * runtime's containers were killed and removed, or the machine restarted), its next attempt follows the highest
 * ATTEMPT.log in its log directory, so that RESTARTS still counts the restart and no log is overwritten.
 */
final class LogDirRestarts {
    private static final Pattern LOG = Pattern.compile("^(\\d+)\\.log(\\..*)?");

    private LogDirRestarts() {
    }

    static int nextAttempt(Path containerLogDir) {
        if (!Files.isDirectory(containerLogDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(containerLogDir)) {
            return files.filter(Files::isRegularFile).map(f -> LOG.matcher(f.getFileName().toString()))
                    .filter(Matcher::lookingAt).mapToInt(m -> Integer.parseInt(m.group(1)) + 1).max().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
