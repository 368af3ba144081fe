package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.util.List;
import java.util.Map;

/**
 * Sidecar containers: init containers with restartPolicy Always (kube's IsRestartableInitContainer). They
 * start in their init position, run beside the app containers, restart on any exit whatever the pod's
 * restartPolicy, and are stopped once the app containers are done for good.
 */
public final class Sidecars {
    private Sidecars() {
    }

    public static boolean isSidecar(Container c) {
        return "Always".equals(c.getRestartPolicy());
    }

    /**
     * Whether no app container will run again (kube's computePodActions with nothing to keep or start): the
     * pod does not restart them, every one has exited, and under OnFailure every one exited 0. Then the
     * sidecars are stopped rather than kept alive. attempts: by name, newest first.
     */
    static boolean appDone(PodSpec spec, Map<String, List<ContainerStatus>> attempts) {
        String policy = spec.getRestartPolicy() == null ? "Always" : spec.getRestartPolicy();
        if (policy.equals("Always")) {
            return false;
        }
        return spec.getContainers().stream().allMatch(c -> {
            List<ContainerStatus> a = attempts.get(c.getName());
            return a != null && !a.isEmpty() && a.get(0).state() == ContainerState.EXITED
                    && (policy.equals("Never") || a.get(0).exitCode() == 0);
        });
    }
}
