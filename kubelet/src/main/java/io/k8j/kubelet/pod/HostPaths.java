package io.k8j.kubelet.pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hostPath volume's type check, as the kubelet's hostPath plugin: "" checks nothing,
 * DirectoryOrCreate and FileOrCreate create what is missing, the others require what they name.
 */
final class HostPaths {
    private HostPaths() {
    }

    static Path prepare(String path, String type) throws IOException {
        Path p = Path.of(path);
        switch (type == null ? "" : type) {
            case "" -> {
            }
            case "DirectoryOrCreate" -> Files.createDirectories(p);
            case "Directory" -> require(Files.isDirectory(p), path, "a directory");
            case "FileOrCreate" -> {
                if (!Files.exists(p)) {
                    Files.createDirectories(p.toAbsolutePath().getParent());
                    Files.createFile(p);
                }
            }
            case "File" -> require(Files.isRegularFile(p), path, "a file");
            case "Socket", "CharDevice", "BlockDevice" -> require(Files.exists(p) && !Files.isDirectory(p) && !Files.isRegularFile(p), path, type);
            default -> throw new IllegalStateException("hostPath type " + type + " is not supported");
        }
        return p;
    }

    private static void require(boolean ok, String path, String what) {
        if (!ok) {
            throw new IllegalStateException("hostPath type check failed: " + path + " is not " + what);
        }
    }
}
