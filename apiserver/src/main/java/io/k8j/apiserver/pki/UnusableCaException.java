package io.k8j.apiserver.pki;

import java.nio.file.Path;

/**
 * The cluster CA on disk cannot be used as it is (unreadable, not PEM, a key that is not its certificate's).
 * Unlike a leaf, a CA is never replaced silently: every kubeconfig and node trusts it, so the operator
 * decides, and the message names the file.
 */
public final class UnusableCaException extends RuntimeException {
    private final Path file;

    UnusableCaException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
