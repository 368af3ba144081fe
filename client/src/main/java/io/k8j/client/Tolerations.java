package io.k8j.client;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.function.Predicate;

/** kube's toleration matching (v1helper.TolerationsTolerateTaint), shared by the scheduler's taint-aware plugins and the DaemonSet controller. */
public final class Tolerations {
    private Tolerations() {
    }

    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        String key = t.getKey() == null ? "" : t.getKey();
        if (!key.isEmpty() && !key.equals(taint.getKey())) {
            return false;
        }
        String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
        return switch (op) {
            case "Exists" -> true;
            // An empty key with Equal is invalid in the API; it tolerates nothing here.
            case "Equal" -> !key.isEmpty() && nullToEmpty(t.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    /** A node's taints; a node created without a spec has none. */
    public static List<Taint> taints(io.fabric8.kubernetes.api.model.Node node) {
        return node.getSpec() == null ? null : node.getSpec().getTaints();
    }

    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        return tolerations != null && tolerations.stream().anyMatch(t -> tolerates(t, taint));
    }

    /** The first taint passing {@code relevant} that no toleration covers, or null. */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> relevant) {
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

    public static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
