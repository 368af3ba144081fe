package io.k8j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file error as one phrase naming the file, for start-up failures: the JDK's messages for the common
 * cases are the bare path ({@code AccessDeniedException: /x}), which says nothing of what went wrong.
 */
final class IoErrors {
    private IoErrors() {
    }

    /** "FILE: what went wrong", FILE being the one the error names (a parent, say), else {@code file}. */
    static String describe(Path file, IOException e) {
        if (!(e instanceof FileSystemException fse) || fse.getFile() == null) {
            return file + ": " + e.getMessage();
        }
        String what = fse.getReason() != null ? fse.getReason()
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e.getClass().getSimpleName();
        return fse.getFile() + ": " + what;
    }
}
