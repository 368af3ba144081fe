package io.k8j.kubelet.runtime;

/** CRI ExecSyncResponse. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
