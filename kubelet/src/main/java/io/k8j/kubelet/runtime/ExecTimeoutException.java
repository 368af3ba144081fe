package io.k8j.kubelet.runtime;

/** An exec outlived its timeout (e.g. a probe's timeoutSeconds); the runtime killed the command. */
public final class ExecTimeoutException extends RuntimeException {
    public ExecTimeoutException(String message) {
        super(message);
    }
}
