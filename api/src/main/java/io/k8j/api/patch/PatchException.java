package io.k8j.api.patch;

import io.k8j.api.ApiException;
import io.k8j.api.Json;

/**
 * A patch that cannot be applied. Carries the HTTP code and Status reason kube-apiserver answers with, so the
 * server can build the Status without knowing which patch type failed.
 */
public class PatchException extends RuntimeException {
    /** kube-apiserver hides the real JSON patch error behind this generic 422 text. */
    static final String REJECTED = "the server rejected our request due to an error in our request";

    private final int code;
    private final String reason;
    private final String detail;

    private PatchException(int code, String reason, String message, String detail) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detail = detail;
    }

    /** A malformed patch document: 400 BadRequest with the message shown to the user. */
    public static PatchException badRequest(String message) {
        return new PatchException(400, "BadRequest", message, message);
    }

    /** A well-formed patch that does not apply: 422 Invalid with the given message. */
    public static PatchException invalid(String message) {
        return new PatchException(422, "Invalid", message, message);
    }

    /** A JSON patch that does not apply: kube answers 422 with a generic message; {@code detail} is for logs. */
    public static PatchException rejected(String detail) {
        return new PatchException(422, "Invalid", REJECTED, detail);
    }

    public static PatchException tooLarge(String message) {
        return new PatchException(413, "RequestEntityTooLarge", message, message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** What actually went wrong, which the Status message may not reveal. */
    public String detail() {
        return detail;
    }

    /** The Status error kube-apiserver would send; 422s carry empty details as NewGenericServerResponse does. */
    public ApiException toApiException() {
        return new ApiException(code, reason, getMessage(), code == 422 ? Json.object() : null);
    }
}
