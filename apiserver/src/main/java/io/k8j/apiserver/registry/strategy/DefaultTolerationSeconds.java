package io.k8j.apiserver.registry.strategy;

/**
 * How long new pods tolerate a not-ready or unreachable node before eviction, as kube-apiserver's
 * DefaultTolerationSeconds admission plugin adds it (--default-not-ready-toleration-seconds,
 * --default-unreachable-toleration-seconds).
 */
public record DefaultTolerationSeconds(long notReady, long unreachable) {
    public static final DefaultTolerationSeconds DEFAULTS = new DefaultTolerationSeconds(300, 300);
}
