package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.storage.StorageException;
import io.k8j.storage.StorageUnavailableException;
import io.k8j.storage.ValueTooLargeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageErrorsTest {

    @Test
    void anObjectTooLargeToStoreIs413() {
        ApiException e = StorageErrors.toApi(new ValueTooLargeException("/configmaps/ns/big", 2_700_000, 1_572_864));
        assertThat(e.code()).isEqualTo(413);
        assertThat(e.reason()).isEqualTo("RequestEntityTooLarge");
        assertThat(e.getMessage()).isEqualTo("Request entity too large: limit is 1572864");
    }

    @Test
    void anUnknownOutcomeIsA504TimeoutWithoutRetryDelay() {
        ApiException e = StorageErrors.toApi(new StorageUnavailableException("etcd: etcdserver: leader changed", null));
        assertThat(e.code()).isEqualTo(504);
        assertThat(e.reason()).isEqualTo("Timeout");
        assertThat(e.getMessage()).isEqualTo(
                "Timeout: request did not complete within requested timeout - etcd: etcdserver: leader changed");
        assertThat(e.status().path("details").isObject()).isTrue();
        assertThat(e.status().path("details").has("retryAfterSeconds")).isFalse();
    }

    @Test
    void anyOtherFailureIsAnInternalError() {
        ApiException e = StorageErrors.toApi(new StorageException("sqlite write failed: [SQLITE_FULL] database or disk is full"));
        assertThat(e.code()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("Internal error occurred: sqlite write failed: [SQLITE_FULL] database or disk is full");
    }
}
