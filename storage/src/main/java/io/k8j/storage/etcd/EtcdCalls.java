package io.k8j.storage.etcd;

import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import io.grpc.Status;
import io.k8j.storage.CompactedException;
import io.k8j.storage.StorageException;
import io.k8j.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Waiting on jetcd's futures and turning etcd's errors into the storage SPI's exceptions. */
final class EtcdCalls {
    private static final String COMPACTED = "required revision has been compacted";
    private static final String FUTURE = "required revision is a future revision";

    private final Duration timeout;
    private final AtomicLong compacted;

    EtcdCalls(Duration timeout, AtomicLong compacted) {
        this.timeout = timeout;
        this.compacted = compacted;
    }

    <T> T await(CompletableFuture<T> future) {
        return await(future, timeout);
    }

    <T> T await(CompletableFuture<T> future, Duration limit) {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StorageUnavailableException("etcd did not answer within " + limit.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted waiting for etcd", e);
        }
    }

    /**
     * etcd's error as the SPI's: no leader, no quorum or a timeout is {@link StorageUnavailableException}, since a
     * write may still be applied (a leader change commits most of the writes it interrupts).
     */
    static StorageException failure(Throwable cause) {
        String message = "etcd: " + cause.getMessage();
        Status.Code code = cause instanceof EtcdException e ? Status.Code.valueOf(e.getErrorCode().name())
                : Status.fromThrowable(cause).getCode();
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, CANCELLED -> new StorageUnavailableException(message, cause);
            case UNKNOWN -> timedOutInEtcd(message) ? new StorageUnavailableException(message, cause)
                    : new StorageException(message, cause);
            default -> new StorageException(message, cause);
        };
    }

    /** etcd reports its own request timeouts (a proposal without quorum) with no gRPC code of their own. */
    private static boolean timedOutInEtcd(String message) {
        return message.contains("context deadline exceeded") || message.contains("etcdserver: request timed out");
    }

    void compact(KV kv, long revision, CompactOption option) {
        try {
            await(kv.compact(revision, option));
        } catch (StorageException e) {
            // Compacting to where etcd already is, or below, is nothing to do.
            if (!String.valueOf(e.getMessage()).contains(COMPACTED)) {
                throw e;
            }
        }
        compacted.accumulateAndGet(revision, Math::max);
    }

    /**
     * Throws {@link CompactedException} when etcd no longer has revision {@code after}: reading one key
     * at that revision fails exactly then, so watch() can refuse up front as the SPI requires, where the
     * watch itself would only fail later on another thread.
     */
    void checkWatchable(KV kv, long after) {
        long known = compacted.get();
        if (after < known) {
            throw new CompactedException(after, known);
        }
        if (after == 0) {
            return;
        }
        try {
            await(kv.get(EtcdKeys.NUL, GetOption.builder().withRevision(after).withCountOnly(true).build()));
        } catch (StorageException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains(COMPACTED)) {
                // etcd does not say how far; the oldest watchable revision is at least after + 1.
                throw new CompactedException(after, Math.max(after + 1, compacted.get()));
            }
            if (!message.contains(FUTURE)) {
                throw e;
            }
        }
    }

    /** The reason to hand a watch's listener when jetcd reports an error. */
    StorageException watchFailure(Throwable error, long after) {
        if (error instanceof io.etcd.jetcd.common.exception.CompactedException c) {
            compacted.accumulateAndGet(c.getCompactedRevision(), Math::max);
            return new CompactedException(after, c.getCompactedRevision());
        }
        return new StorageException("etcd watch failed: " + error.getMessage(), error);
    }
}
