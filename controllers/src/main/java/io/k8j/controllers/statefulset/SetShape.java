package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The parts of a StatefulSet's spec and status the ordinal decisions depend on, with kube's defaults. */
record SetShape(int start, int replicas, boolean parallel, boolean rollingUpdate, Integer partition,
                int minReadySeconds, int currentReplicas) {

    static SetShape of(StatefulSet set) {
        var spec = set.getSpec();
        var strategy = spec.getUpdateStrategy();
        boolean rolling = strategy == null || strategy.getType() == null || "RollingUpdate".equals(strategy.getType());
        Integer partition = rolling && strategy != null && strategy.getRollingUpdate() != null
                ? orZero(strategy.getRollingUpdate().getPartition()) : null;
        return new SetShape(spec.getOrdinals() == null ? 0 : orZero(spec.getOrdinals().getStart()),
                spec.getReplicas() == null ? 1 : spec.getReplicas(), "Parallel".equals(spec.getPodManagementPolicy()),
                rolling, partition, orZero(spec.getMinReadySeconds()),
                set.getStatus() == null ? 0 : orZero(set.getStatus().getCurrentReplicas()));
    }

    boolean inRange(int ordinal) {
        return ordinal >= start && ordinal < start + replicas;
    }

    /**
     * Whether a missing pod is made from the current rather than the update revision (kube's
     * newVersionedStatefulSetPod): below the partition, or below the current replicas when there is none.
     */
    boolean createsFromCurrent(int ordinal) {
        return rollingUpdate && ordinal < start + (partition == null ? currentReplicas : partition);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
