package io.k8j.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** kube-controller-manager's --cluster-signing-duration, for {@code k8j server} and {@code k8j controller-manager}. */
final class ClusterSigningFlags {
    @Option(names = "--cluster-signing-duration", defaultValue = "8760h", converter = StandaloneFlags.GoDuration.class,
            description = "The longest (and default) validity of certificates signed for CSRs; nodes renew theirs "
                    + "at 70-90% of it (default: ${DEFAULT-VALUE}).")
    Duration duration;
}
