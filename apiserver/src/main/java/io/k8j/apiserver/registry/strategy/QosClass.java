package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's quality-of-service class from its containers' cpu and memory requests and limits, as kube's
 * qos.GetPodQOS computes it: BestEffort without any, Guaranteed when every container limits both and the
 * totals of requests equal those of limits, Burstable otherwise.
 */
final class QosClass {
    private static final Set<String> COMPUTE = Set.of("cpu", "memory");

    private QosClass() {
    }

    static String of(JsonNode spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode c : Tree.objects(spec, list)) {
                ObjectNode resources = Tree.objOrNull(c, "resources");
                add(requests, Tree.objOrNull(resources, "requests"));
                if (!add(limits, Tree.objOrNull(resources, "limits")).containsAll(COMPUTE)) {
                    guaranteed = false;
                }
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        boolean equal = requests.size() == limits.size() && requests.entrySet().stream()
                .allMatch(e -> limits.containsKey(e.getKey()) && limits.get(e.getKey()).compareTo(e.getValue()) == 0);
        return guaranteed && equal ? "Guaranteed" : "Burstable";
    }

    /** Adds the positive cpu/memory quantities to the totals; returns the resources found. */
    private static Set<String> add(Map<String, BigDecimal> totals, ObjectNode list) {
        Set<String> found = new java.util.HashSet<>();
        if (list == null) {
            return found;
        }
        for (String name : COMPUTE) {
            BigDecimal q = Quantities.parse(list.get(name));
            if (q != null && q.signum() > 0) {
                totals.merge(name, q, BigDecimal::add);
                found.add(name);
            }
        }
        return found;
    }
}
