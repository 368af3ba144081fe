package io.k8j.cli;

/**
 * A start that cannot do what was asked, for a reason the user can fix (a busy port, an unwritable or
 * locked data dir, a damaged certificate): {@link Main} prints its message as one line and exits 1, with
 * no stack trace, since the trace would say nothing the message does not.
 */
final class StartupFailure extends RuntimeException {
    StartupFailure(String message) {
        super(message, null, false, false);
    }
}
