package io.k8j.api.selector;

/** A label or field selector that cannot be parsed; the server answers 400 BadRequest. */
public class SelectorException extends RuntimeException {
    public SelectorException(String message) {
        super(message);
    }
}
