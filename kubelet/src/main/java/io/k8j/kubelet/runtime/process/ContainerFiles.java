package io.k8j.kubelet.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A container's directory under the runtime's state directory, shared by the kubelet and the container's
 * {@link Shim}: what the kubelet recorded ({@code container.json}), the raw output the process writes
 * ({@code stdout}, {@code stderr}) and how far the kubelet has copied it into the CRI log ({@code *.offset}),
 * the stdin FIFO and the pid of the process holding it open ({@code holder}), the main process's pid
 * ({@code pid}) and, once it ended, its exit code ({@code exit}, written by the shim whether or not a kubelet
 * runs; its modification time is when the container finished).
 */
record ContainerFiles(Path dir) {
    Path state() {
        return dir.resolve("container.json");
    }

    Path output(String stream) {
        return dir.resolve(stream);
    }

    Path offset(String stream) {
        return dir.resolve(stream + ".offset");
    }

    Path stdin() {
        return dir.resolve("stdin");
    }

    Path exit() {
        return dir.resolve("exit");
    }

    Optional<Long> mainPid() {
        return readLong(dir.resolve("pid"));
    }

    Optional<Long> holderPid() {
        return readLong(dir.resolve("holder"));
    }

    Optional<Integer> exitCode() {
        return readLong(exit()).map(Long::intValue);
    }

    Instant finishedAt(Instant otherwise) {
        try {
            return Files.getLastModifiedTime(exit()).toInstant();
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // not written (yet)
        }
    }
}
