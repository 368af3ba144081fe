package io.k8j.cri;

import io.grpc.Status;

/** A CRI call failed; the message is the runtime's own (as the kubelet shows it), the code gRPC's. */
public final class CriException extends RuntimeException {
    private final Status.Code code;

    public CriException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    public boolean notFound() {
        return code == Status.Code.NOT_FOUND;
    }
}
