package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.function.Predicate;

/** kube's toleration matching (v1helper.TolerationsTolerateTaint), shared by the taint-aware plugins. */
final class Tolerations {
    private Tolerations() {
    }

    static boolean tolerates(Toleration t, Taint taint) {
        return io.k8j.client.Tolerations.tolerates(t, taint);
    }

    /** A node's taints; a node created without a spec has none. */
    static List<Taint> taints(io.fabric8.kubernetes.api.model.Node node) {
        return node.getSpec() == null ? null : node.getSpec().getTaints();
    }

    static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        return tolerations != null && tolerations.stream().anyMatch(t -> tolerates(t, taint));
    }

    /** The first taint passing {@code relevant} that no toleration covers, or null. */
    static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> relevant) {
        if (taints == null) {
            return null;
        }
        for (Taint taint : taints) {
            if (relevant.test(taint) && !anyTolerates(tolerations, taint)) {
                return taint;
            }
        }
        return null;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
