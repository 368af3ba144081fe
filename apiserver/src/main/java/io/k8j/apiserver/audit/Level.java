package io.k8j.apiserver.audit;

/** How much of a request an audit event holds; k8j records RequestResponse as Request (no response body). */
public enum Level {
    None, Metadata, Request, RequestResponse;

    public boolean includesRequestBody() {
        return this == Request || this == RequestResponse;
    }
}
