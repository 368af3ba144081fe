package io.k8j.kubelet.probe;

/**
 * A probe's verdict over its results, as the kubelet's worker: it flips to success after
 * successThreshold consecutive successes and to failure after failureThreshold consecutive failures.
 */
final class ProbeState {
    private final int successThreshold;
    private final int failureThreshold;
    private boolean verdict;
    private int streak;
    private boolean lastResult;

    ProbeState(boolean initial, Integer successThreshold, Integer failureThreshold) {
        this.verdict = initial;
        this.lastResult = initial;
        this.successThreshold = successThreshold == null ? 1 : successThreshold;
        this.failureThreshold = failureThreshold == null ? 3 : failureThreshold;
    }

    /** Records one result; returns true when the verdict changed. */
    synchronized boolean record(boolean success) {
        streak = success == lastResult ? streak + 1 : 1;
        lastResult = success;
        if (success != verdict && streak >= (success ? successThreshold : failureThreshold)) {
            verdict = success;
            return true;
        }
        return false;
    }

    /** Consecutive failures so far. */
    synchronized int failures() {
        return lastResult ? 0 : streak;
    }

    synchronized boolean verdict() {
        return verdict;
    }
}
