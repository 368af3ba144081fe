package io.k8j.cli;

import io.k8j.controllers.podgc.PodGcController;
import picocli.CommandLine.Option;

/** kube-controller-manager's PodGC flag, for {@code k8j server} and {@code k8j controller-manager}. */
final class PodGcFlags {
    @Option(names = "--terminated-pod-gc-threshold", defaultValue = "" + PodGcController.DEFAULT_TERMINATED_THRESHOLD,
            description = "How many terminated pods may exist before the oldest are deleted; 0 or less: no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int terminatedPodGcThreshold;
}
