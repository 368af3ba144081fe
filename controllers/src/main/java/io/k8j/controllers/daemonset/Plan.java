package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;

/** What one pass does: nodes that get a new daemon pod, pods to delete. */
record Plan(List<String> create, List<Pod> delete) {
    static Plan empty() {
        return new Plan(new ArrayList<>(), new ArrayList<>());
    }

    Plan plus(Plan other) {
        Plan sum = new Plan(new ArrayList<>(create), new ArrayList<>(delete));
        other.create.stream().filter(n -> !sum.create.contains(n)).forEach(sum.create::add);
        other.delete.stream().filter(p -> !sum.delete.contains(p)).forEach(sum.delete::add);
        return sum;
    }

    boolean isEmpty() {
        return create.isEmpty() && delete.isEmpty();
    }
}
