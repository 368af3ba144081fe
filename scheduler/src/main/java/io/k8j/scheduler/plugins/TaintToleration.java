package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.k8j.client.Tolerations;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.ScorePlugin;
import io.k8j.scheduler.framework.Status;

import java.util.List;

/**
 * NoSchedule and NoExecute taints keep off pods that do not tolerate them; each untolerated
 * PreferNoSchedule taint lowers a node's score.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        Taint t = untolerated(Tolerations.taints(node.node()), pod.getSpec().getTolerations());
        return t == null ? Status.SUCCESS : Status.unresolvable(reason(t));
    }

    static Taint untolerated(List<Taint> taints, List<Toleration> tolerations) {
        return Tolerations.firstUntolerated(taints, tolerations,
                t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
    }

    /** kube's wording, e.g. "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }". */
    static String reason(Taint t) {
        return "node(s) had untolerated taint {" + t.getKey() + ": " + Tolerations.nullToEmpty(t.getValue()) + "}";
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        return intolerablePreferNoSchedule(Tolerations.taints(node.node()), pod.getSpec().getTolerations());
    }

    /**
     * Only tolerations without an effect or with PreferNoSchedule count here, as in kube. Plain loops:
     * this runs for every feasible node of every pod, and most nodes have no taints at all.
     */
    static long intolerablePreferNoSchedule(List<Taint> taints, List<Toleration> tolerations) {
        if (taints == null || taints.isEmpty()) {
            return 0;
        }
        long count = 0;
        for (Taint taint : taints) {
            if ("PreferNoSchedule".equals(taint.getEffect()) && !toleratesPreferNoSchedule(tolerations, taint)) {
                count++;
            }
        }
        return count;
    }

    private static boolean toleratesPreferNoSchedule(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            boolean relevant = t.getEffect() == null || t.getEffect().isEmpty() || "PreferNoSchedule".equals(t.getEffect());
            if (relevant && Tolerations.tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        Scores.normalize(scores, true);
    }
}
