package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seam where PodDisruptionBudgets will refuse evictions: k8j serves none yet, so {@link #NONE} lets every
 * eviction through. An implementation throws kube's 429 TooManyRequests ("Cannot evict pod as it would violate
 * the pod's disruption budget.") when it must refuse, and otherwise records the disruption it allows.
 */
@FunctionalInterface
interface DisruptionBudgets {
    DisruptionBudgets NONE = (pod, dryRun) -> { };

    /** Called for a pod that is running (not Pending, not finished, not already being deleted). */
    void admit(ObjectNode pod, boolean dryRun);
}
