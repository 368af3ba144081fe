package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.k8j.kubelet.pod.EphemeralContainers;
import io.k8j.kubelet.pod.Sidecars;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes pod.status as the kubelet's generateAPIPodStatus does: containerStatuses (init, app, ephemeral) from the runtime,
 * the phase from them and the restart policy (getPhase), the conditions, the pod and host IPs, and
 * keeps what others own (PodScheduled, qosClass) and what must not move (startTime, transition times).
 */
public final class PodStatusBuilder {
    private final String runtimeName;

    public PodStatusBuilder(String runtimeName) {
        this.runtimeName = runtimeName;
    }

    /** The conditions built here (PodScheduled as the scheduler left it); any other type is someone else's. */
    private static final java.util.Set<String> BUILT_HERE =
            java.util.Set.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");

    public PodStatus build(PodStatusInput in) {
        PodStatus old = in.pod().getStatus() == null ? new PodStatus() : in.pod().getStatus();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : in.pod().getSpec().getContainers()) {
            statuses.add(ContainerStatuses.of(c, in.containers().getOrDefault(c.getName(), List.of()), in, runtimeName, false));
        }
        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (Container c : in.pod().getSpec().getInitContainers()) {
            initStatuses.add(ContainerStatuses.of(c, in.containers().getOrDefault(c.getName(), List.of()), in, runtimeName, true));
        }
        // Ephemeral containers are reported apart and count for neither the phase nor readiness.
        List<ContainerStatus> ephemeralStatuses = new ArrayList<>();
        for (Container c : EphemeralContainers.of(in.pod().getSpec())) {
            List<io.k8j.kubelet.runtime.ContainerStatus> attempts = in.containers().getOrDefault(c.getName(), List.of());
            ephemeralStatuses.add(ContainerStatuses.ephemeral(c, attempts, in, runtimeName));
        }
        boolean deadlineExceeded = ActiveDeadline.exceeded(in.pod(), in.now());
        String phase = deadlineExceeded ? "Failed" : PodPhase.of(in.pod().getSpec().getRestartPolicy(),
                in.pod().getSpec().getInitContainers(), initStatuses, statuses);
        String notInitialized = Initialization.incompleteMessage(in.pod().getSpec().getInitContainers(), initStatuses,
                statuses, phase);
        boolean sandboxReady = in.sandbox() != null && in.sandbox().ready();
        // Sidecars serve beside the app containers: their readiness counts too (GenerateContainersReadyCondition).
        List<ContainerStatus> sidecarStatuses = new ArrayList<>();
        for (int i = 0; i < initStatuses.size(); i++) {
            if (Sidecars.isSidecar(in.pod().getSpec().getInitContainers().get(i))) {
                sidecarStatuses.add(initStatuses.get(i));
            }
        }
        boolean containersReady = !statuses.isEmpty() && statuses.stream().allMatch(ContainerStatus::getReady)
                && sidecarStatuses.stream().allMatch(ContainerStatus::getReady);
        List<PodCondition> conditions = new ArrayList<>();
        Conditions conds = new Conditions(old.getConditions(), in.now());
        conditions.add(conds.of("PodReadyToStartContainers", sandboxReady, null, null));
        String initializedReason = notInitialized != null ? Initialization.NOT_INITIALIZED
                : phase.equals("Succeeded") ? "PodCompleted" : null;
        conditions.add(conds.of("Initialized", notInitialized == null, initializedReason, notInitialized));
        String notReady = containersReady ? null : "ContainersNotReady";
        String gatesClosed = ReadinessGates.unready(in.pod().getSpec().getReadinessGates(), old.getConditions());
        if (containersReady && gatesClosed != null) {
            conditions.add(conds.of("Ready", false, ReadinessGates.REASON, gatesClosed));
        } else {
            conditions.add(conds.of("Ready", containersReady, notReady, null));
        }
        conditions.add(conds.of("ContainersReady", containersReady, notReady, null));
        old.getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst()
                .ifPresentOrElse(conditions::add, () -> conditions.add(conds.of("PodScheduled", true, null, null)));
        // Conditions others own (readiness gates, DisruptionTarget) stay as they are.
        old.getConditions().stream().filter(c -> !BUILT_HERE.contains(c.getType())).forEach(conditions::add);
        io.fabric8.kubernetes.api.model.PodStatusBuilder b = new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase)
                .withConditions(conditions).withContainerStatuses(statuses)
                .withInitContainerStatuses(initStatuses).withEphemeralContainerStatuses(ephemeralStatuses)
                .withQosClass(old.getQosClass())
                .withHostIP(in.hostIp()).withHostIPs(new HostIP(in.hostIp()))
                .withStartTime(old.getStartTime() != null ? old.getStartTime() : ContainerStatuses.time(in.now()));
        if (deadlineExceeded) {
            b.withReason(ActiveDeadline.REASON).withMessage(ActiveDeadline.MESSAGE);
        }
        if (in.sandbox() != null && in.sandbox().ip() != null) {
            b.withPodIP(in.sandbox().ip()).withPodIPs(new PodIP(in.sandbox().ip()));
        }
        return b.build();
    }

    /** Conditions whose lastTransitionTime moves only when their status flips. */
    private record Conditions(List<PodCondition> old, java.time.Instant now) {
        PodCondition of(String type, boolean status, String reason, String message) {
            String value = status ? "True" : "False";
            String since = old.stream().filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                    .map(PodCondition::getLastTransitionTime).findFirst().orElse(ContainerStatuses.time(now));
            return new PodConditionBuilder().withType(type).withStatus(value).withReason(reason)
                    .withMessage(message).withLastTransitionTime(since).withLastProbeTime(null).build();
        }
    }
}
