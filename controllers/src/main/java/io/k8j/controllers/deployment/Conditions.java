package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deployment conditions as kube's deploymentutil handles them. */
public final class Conditions {
    private Conditions() {
    }

    public static Optional<DeploymentCondition> get(DeploymentStatus s, String type) {
        return s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * kube's SetDeploymentCondition: the same status and reason again changes nothing (so a steady state
     * writes nothing); otherwise it replaces the old one, keeping its transition time if the status stays.
     */
    public static void set(DeploymentStatus s, DeploymentCondition c) {
        Optional<DeploymentCondition> old = get(s, c.getType());
        if (old.isPresent() && old.get().getStatus().equals(c.getStatus()) && c.getReason().equals(old.get().getReason())) {
            return;
        }
        replace(s, c);
    }

    /** Replaces unconditionally (a progress report must refresh lastUpdateTime); the transition time stays if the status does. */
    public static void replace(DeploymentStatus s, DeploymentCondition c) {
        get(s, c.getType()).filter(old -> old.getStatus().equals(c.getStatus()))
                .ifPresent(old -> c.setLastTransitionTime(old.getLastTransitionTime()));
        List<DeploymentCondition> rest = new ArrayList<>(s.getConditions() == null ? List.of() : s.getConditions());
        rest.removeIf(x -> x.getType().equals(c.getType()));
        rest.add(c);
        s.setConditions(rest);
    }

    public static DeploymentCondition of(String type, String status, String reason, String message, Instant now) {
        String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastUpdateTime(t).withLastTransitionTime(t).build();
    }
}
