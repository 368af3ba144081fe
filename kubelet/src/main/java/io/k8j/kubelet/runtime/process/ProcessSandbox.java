package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;

import java.time.Instant;

/** A pod of the process runtime: its loopback address, held from run until stop, and recorded on disk. */
final class ProcessSandbox {
    final String id;
    final SandboxConfig config;
    final String ip;
    private final Instant createdAt;
    private boolean ready;

    ProcessSandbox(StateStore.Sandbox record) {
        this.id = record.id();
        this.config = record.config();
        this.ip = record.ip();
        this.createdAt = record.createdAt();
        this.ready = record.ready();
    }

    /** Returns true the first time, when the address is to be released. */
    synchronized boolean stop() {
        boolean was = ready;
        ready = false;
        return was;
    }

    /** Whether the sandbox has an address of its own from the runtime's block (not the node's). */
    boolean ownsAddress() {
        return config.nodeNetworkIp() == null;
    }

    synchronized StateStore.Sandbox record() {
        return new StateStore.Sandbox(id, config, ip, createdAt, ready);
    }

    synchronized SandboxStatus status() {
        return new SandboxStatus(id, config, ready, ip, createdAt);
    }
}
