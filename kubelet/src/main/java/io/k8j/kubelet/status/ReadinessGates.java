package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;

import java.util.ArrayList;
import java.util.List;

/** spec.readinessGates: a pod is Ready only once every gate's condition, set by someone else, is True (kube's GeneratePodReadyCondition). */
final class ReadinessGates {
    static final String REASON = "ReadinessGatesNotReady";

    private ReadinessGates() {
    }

    /** Why the gates keep the pod unready, in kube's words; null when they are all open. */
    static String unready(List<PodReadinessGate> gates, List<PodCondition> conditions) {
        List<String> why = new ArrayList<>();
        for (PodReadinessGate gate : gates == null ? List.<PodReadinessGate>of() : gates) {
            PodCondition c = conditions.stream().filter(x -> gate.getConditionType().equals(x.getType())).findFirst().orElse(null);
            if (c == null) {
                why.add("corresponding condition of pod readiness gate \"" + gate.getConditionType() + "\" does not exist.");
            } else if (!"True".equals(c.getStatus())) {
                why.add("the status of pod readiness gate \"" + gate.getConditionType() + "\" is not \"True\", but " + c.getStatus());
            }
        }
        return why.isEmpty() ? null : String.join(", ", why);
    }
}
