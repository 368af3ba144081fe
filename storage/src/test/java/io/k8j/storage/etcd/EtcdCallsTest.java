package io.k8j.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import io.k8j.storage.StorageException;
import io.k8j.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

/** Which etcd failures leave a write's outcome unknown. */
class EtcdCallsTest {

    @Test
    void noLeaderNoQuorumAndDeadlinesAreUnavailable() {
        assertThat(EtcdCalls.failure(Status.UNAVAILABLE.withDescription("etcdserver: leader changed").asRuntimeException()))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("etcdserver: leader changed");
        assertThat(EtcdCalls.failure(EtcdExceptionFactory.newEtcdException(ErrorCode.UNAVAILABLE, "etcdserver: request timed out")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(EtcdCalls.failure(Status.DEADLINE_EXCEEDED.asRuntimeException())).isInstanceOf(StorageUnavailableException.class);
        // a proposal that found no quorum before etcd's own deadline comes back with code UNKNOWN
        assertThat(EtcdCalls.failure(Status.UNKNOWN.withDescription("context deadline exceeded").asRuntimeException()))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void refusalsAreOrdinaryFailures() {
        StorageException e = EtcdCalls.failure(Status.INVALID_ARGUMENT.withDescription("etcdserver: request is too large")
                .asRuntimeException());
        assertThat(e).isNotInstanceOf(StorageUnavailableException.class).hasMessageContaining("request is too large");
        assertThat(EtcdCalls.failure(EtcdExceptionFactory.newEtcdException(ErrorCode.PERMISSION_DENIED, "denied")))
                .isNotInstanceOf(StorageUnavailableException.class);
    }
}
