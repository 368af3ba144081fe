package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;

import java.time.Instant;

/** A pod of the process runtime: its loopback address, held from run until stop. */
final class ProcessSandbox {
    final String id;
    final SandboxConfig config;
    final String ip;
    private final Instant createdAt;
    private boolean ready = true;

    ProcessSandbox(String id, SandboxConfig config, String ip, Instant createdAt) {
        this.id = id;
        this.config = config;
        this.ip = ip;
        this.createdAt = createdAt;
    }

    /** Returns true the first time, when the address is to be released. */
    synchronized boolean stop() {
        boolean was = ready;
        ready = false;
        return was;
    }

    synchronized SandboxStatus status() {
        return new SandboxStatus(id, config, ready, ip, createdAt);
    }
}
