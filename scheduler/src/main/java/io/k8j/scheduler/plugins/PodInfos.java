package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.PodInfo;

/** The scheduled pod's PodInfo, computed once per cycle for all scoring plugins that need its requests. */
final class PodInfos {
    private static final CycleState.Key<PodInfo> KEY = new CycleState.Key<>("scheduled-pod-info");

    private PodInfos() {
    }

    static PodInfo of(CycleState state, Pod pod) {
        PodInfo p = state.read(KEY);
        if (p == null || p.pod() != pod) {
            p = PodInfo.of(pod);
            state.write(KEY, p);
        }
        return p;
    }
}
