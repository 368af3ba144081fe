package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.k8j.kubelet.runtime.ContainerLinux;
import io.k8j.kubelet.runtime.Image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A container's effective security context, as kube's securitycontext.DetermineEffectiveSecurityContext (the
 * container's fields over the pod's), turned into the CRI's, as kuberuntime's determineEffectiveSecurityContext:
 * fsGroup joins the supplemental groups, allowPrivilegeEscalation=false sets no_new_privs, seccomp defaults to
 * Unconfined (the kubelet's default without --seccomp-default). And runAsNonRoot's check against the image user.
 */
final class SecurityContexts {
    private SecurityContexts() {
    }

    static ContainerLinux.Security of(Pod pod, Container c, String pidTarget) {
        PodSecurityContext p = pod.getSpec().getSecurityContext();
        SecurityContext s = c.getSecurityContext();
        List<Long> groups = new ArrayList<>();
        if (p != null && p.getSupplementalGroups() != null) {
            groups.addAll(p.getSupplementalGroups());
        }
        if (p != null && p.getFsGroup() != null) {
            groups.add(p.getFsGroup());
        }
        Capabilities caps = s == null ? null : s.getCapabilities();
        boolean privileged = s != null && Boolean.TRUE.equals(s.getPrivileged());
        var spec = pod.getSpec();
        return new ContainerLinux.Security(effective(p, s, PodSecurityContext::getRunAsUser, SecurityContext::getRunAsUser),
                effective(p, s, PodSecurityContext::getRunAsGroup, SecurityContext::getRunAsGroup), null, groups,
                s != null && Boolean.TRUE.equals(s.getReadOnlyRootFilesystem()), privileged,
                !privileged && s != null && Boolean.FALSE.equals(s.getAllowPrivilegeEscalation()),
                caps == null || caps.getAdd() == null ? List.of() : caps.getAdd(),
                caps == null || caps.getDrop() == null ? List.of() : caps.getDrop(),
                seccomp(effective(p, s, PodSecurityContext::getSeccompProfile, SecurityContext::getSeccompProfile)),
                Boolean.TRUE.equals(spec.getHostPID()), Boolean.TRUE.equals(spec.getHostIPC()),
                Boolean.TRUE.equals(spec.getShareProcessNamespace()), pidTarget);
    }

    /**
     * kube's verifyRunAsNonRoot: null when the container may run, else why not. The image's user counts as
     * root when it names none.
     */
    static String verifyRunAsNonRoot(Pod pod, Container c, Image image) {
        PodSecurityContext p = pod.getSpec().getSecurityContext();
        SecurityContext s = c.getSecurityContext();
        if (!Boolean.TRUE.equals(effective(p, s, PodSecurityContext::getRunAsNonRoot, SecurityContext::getRunAsNonRoot))) {
            return null;
        }
        String where = " (pod: \"" + ContainerEvents.describe(pod) + "\", container: " + c.getName() + ")";
        Long runAsUser = effective(p, s, PodSecurityContext::getRunAsUser, SecurityContext::getRunAsUser);
        if (runAsUser != null) {
            return runAsUser == 0 ? "container's runAsUser breaks non-root policy" + where : null;
        }
        boolean named = image.username() != null && !image.username().isEmpty();
        if (image.uid() == null && named) {
            return "container has runAsNonRoot and image has non-numeric user (" + image.username()
                    + "), cannot verify user is non-root" + where;
        }
        return image.uid() == null || image.uid() == 0 ? "container has runAsNonRoot and image will run as root" + where : null;
    }

    private static <T> T effective(PodSecurityContext p, SecurityContext s, Function<PodSecurityContext, T> pod,
                                   Function<SecurityContext, T> container) {
        T own = s == null ? null : container.apply(s);
        return own != null ? own : p == null ? null : pod.apply(p);
    }

    private static String seccomp(SeccompProfile profile) {
        if (profile == null || profile.getType() == null) {
            return "Unconfined";
        }
        return profile.getType().equals("Localhost") ? "Localhost/" + profile.getLocalhostProfile() : profile.getType();
    }
}
