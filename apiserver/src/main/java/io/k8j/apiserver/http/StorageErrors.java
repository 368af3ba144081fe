package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.storage.StorageException;
import io.k8j.storage.StorageUnavailableException;
import io.k8j.storage.ValueTooLargeException;

/** What a client is told when storage fails, in kube-apiserver's Status forms. */
final class StorageErrors {
    private StorageErrors() {
    }

    static ApiException toApi(StorageException e) {
        if (e instanceof ValueTooLargeException tooLarge) {
            // kube passes etcd's "request is too large" on as a 500; it is the object's size, the client's to fix
            return ApiException.tooLarge(tooLarge.limit());
        }
        if (e instanceof StorageUnavailableException) {
            // The outcome is unknown, as when kube-apiserver's request deadline passes while etcd does not answer:
            // its finisher's 504, which tells the client to look before it retries.
            return ApiException.timeout("request did not complete within requested timeout - " + e.getMessage());
        }
        return ApiException.internal(e.getMessage());
    }
}
