package io.k8j.apiserver.authn;

/**
 * A token that one authenticator recognises but refuses (bad signature, expired, revoked). The message is
 * kube's, as a TokenReview's status.error shows it; a request that carried the token gets a plain 401.
 */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
