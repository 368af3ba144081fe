package io.k8j.apiserver.admission.podsecurity;

import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;
import java.util.Optional;

/**
 * The checks of each level in kube's order (baseline controls, then restricted ones, each by check ID). At the
 * restricted level three baseline controls give way to stricter forms: capabilities, volume types (which
 * covers hostPath) and seccomp.
 */
public final class PodSecurityStandard {
    private static final List<PodCheck> BASELINE = List.of(BaselineChecks::capabilities,
            BaselineChecks::hostNamespaces, BaselineChecks::hostPathVolumes, BaselineChecks::hostPorts,
            BaselineChecks::privileged, BaselineChecks::procMount, BaselineChecks::seLinuxOptions,
            BaselineChecks::seccompProfile, BaselineChecks::sysctls);
    private static final List<PodCheck> RESTRICTED = List.of(BaselineChecks::hostNamespaces,
            BaselineChecks::hostPorts, BaselineChecks::privileged, BaselineChecks::procMount,
            BaselineChecks::seLinuxOptions, BaselineChecks::sysctls, RestrictedChecks::allowPrivilegeEscalation,
            RestrictedChecks::capabilities, RestrictedChecks::volumeTypes, RestrictedChecks::runAsNonRoot,
            RestrictedChecks::runAsUser, RestrictedChecks::seccompProfile);

    private PodSecurityStandard() {
    }

    /** What {@code spec} violates at {@code level}; empty when it is allowed. */
    public static List<Violation> evaluate(Level level, PodSpec spec) {
        List<PodCheck> checks = switch (level) {
            case PRIVILEGED -> List.of();
            case BASELINE -> BASELINE;
            case RESTRICTED -> RESTRICTED;
        };
        return checks.stream().map(c -> c.check(spec)).flatMap(Optional::stream).toList();
    }
}
