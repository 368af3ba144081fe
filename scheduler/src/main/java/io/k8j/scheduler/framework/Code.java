package io.k8j.scheduler.framework;

/** Outcome class of a plugin call, as kube-scheduler's framework.Code. */
public enum Code {
    SUCCESS,
    /** The node does not fit now but might after preemption or a cluster change. */
    UNSCHEDULABLE,
    /** The node cannot fit whatever is preempted; preemption skips such nodes. */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** The plugin failed internally; the cycle fails and the pod is retried. */
    ERROR,
    /** A PreFilter result meaning "this plugin has nothing to check for this pod". */
    SKIP
}
