package io.k8j.kubelet.runtime.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a container's executable before its shim runs it, so that a missing one is a StartError with runc's
 * message (the shim's exec failing would only be exit code 127), as containerd reports it.
 */
final class CommandLookup {
    private CommandLookup() {
    }

    /** Null when {@code command} can be executed from {@code dir} with {@code path}; else why not. */
    static String problem(String command, Path dir, String path) {
        if (command.contains("/")) {
            Path file = dir.resolve(command);
            if (!Files.exists(file)) {
                return "exec: \"" + command + "\": stat " + command + ": no such file or directory";
            }
            return executable(file) ? null : "exec: \"" + command + "\": permission denied";
        }
        for (String entry : (path == null ? "" : path).split(":")) {
            if (!entry.isEmpty() && executable(dir.resolve(entry).resolve(command))) {
                return null;
            }
        }
        return "exec: \"" + command + "\": executable file not found in $PATH";
    }

    private static boolean executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
