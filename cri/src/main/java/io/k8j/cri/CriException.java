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

    /** As Go's grpc status error prints, what the kubelet shows: "rpc error: code = NotFound desc = ...". */
    public String goError() {
        return "rpc error: code = " + goCode(code) + " desc = " + getMessage();
    }

    /** Go's codes.Code names: NOT_FOUND -> NotFound, CANCELLED -> Canceled. */
    static String goCode(Status.Code code) {
        if (code == Status.Code.CANCELLED) {
            return "Canceled";
        }
        StringBuilder b = new StringBuilder();
        for (String word : code.name().split("_")) {
            b.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    public boolean notFound() {
        return code == Status.Code.NOT_FOUND;
    }
}
