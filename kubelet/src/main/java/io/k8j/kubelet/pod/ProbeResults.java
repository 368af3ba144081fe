package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.ContainerStatus;

/** The probe verdicts the pod sync reads; workers per running container keep them current. */
public interface ProbeResults {
    /** Ensures probe workers for a running container (a new container id gets fresh ones). */
    void track(Pod pod, Container spec, ContainerStatus running, String podIp);

    /** Readiness: false until a readiness probe has succeeded; true without one. */
    boolean ready(String containerId);

    /** Startup: false until a startup probe has succeeded; true without one. */
    boolean started(String containerId);

    /** Why the container must be restarted (liveness or startup failed past its threshold), or null. */
    String killReason(String containerId);

    /** Stops the workers of containers not in use any more. */
    void forgetAllBut(java.util.Set<String> containerIds);
}
