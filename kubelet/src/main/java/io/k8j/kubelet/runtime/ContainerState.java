package io.k8j.kubelet.runtime;

/** CRI ContainerState. */
public enum ContainerState {
    CREATED, RUNNING, EXITED, UNKNOWN
}
