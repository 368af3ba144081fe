package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;

/** The API side of preemption, apart so that the decision can be tested without a server. */
public interface PreemptionWriter {
    /** Marks the victim with a DisruptionTarget condition, records a Preempted event and deletes it. */
    void evict(Pod victim, Pod preemptor, String node);

    /** Writes status.nominatedNodeName on the preemptor. */
    void nominate(Pod preemptor, String node);
}
