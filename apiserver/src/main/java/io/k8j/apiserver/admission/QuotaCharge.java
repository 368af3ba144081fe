package io.k8j.apiserver.admission;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.k8j.api.quota.QuotaQuantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One quota against one request (pure): which requested resources the quota's status does not know yet,
 * which would go over status.hard, and the status with the request added.
 */
record QuotaCharge(Map<String, Quantity> requested, Map<String, Quantity> used, Map<String, Quantity> hard,
                   List<String> unknown, List<String> exceeded) {

    static QuotaCharge of(ResourceQuota quota, Map<String, Quantity> requested) {
        ResourceQuotaStatus status = quota.getStatus() == null ? new ResourceQuotaStatus() : quota.getStatus();
        Map<String, Quantity> hard = status.getHard() == null ? Map.of() : status.getHard();
        Map<String, Quantity> used = status.getUsed() == null ? Map.of() : status.getUsed();
        List<String> unknown = new ArrayList<>();
        List<String> exceeded = new ArrayList<>();
        for (Map.Entry<String, Quantity> e : new TreeMap<>(requested).entrySet()) {
            String r = e.getKey();
            if (!hard.containsKey(r) || !used.containsKey(r)) {
                unknown.add(r);
            } else if (QuotaQuantities.amount(used.get(r)).add(QuotaQuantities.amount(e.getValue()))
                    .compareTo(QuotaQuantities.amount(hard.get(r))) > 0) {
                exceeded.add(r);
            }
        }
        return new QuotaCharge(requested, used, hard, unknown, exceeded);
    }

    /** kube's wording: "requested: pods=1, used: pods=2, limited: pods=2", exceeded resources only, sorted. */
    String describeExceeded() {
        return "requested: " + print(requested) + ", used: " + print(used) + ", limited: " + print(hard);
    }

    private String print(Map<String, Quantity> values) {
        return exceeded.stream().map(r -> r + "=" + values.get(r)).collect(Collectors.joining(","));
    }

    /** The quota's status with the request charged to used. */
    ResourceQuotaStatus statusAfter() {
        Map<String, Quantity> after = new TreeMap<>(used);
        requested.forEach((r, q) -> {
            BigDecimal sum = QuotaQuantities.amount(used.get(r)).add(QuotaQuantities.amount(q));
            after.put(r, new Quantity(QuotaQuantities.format(sum, hard.get(r))));
        });
        return new ResourceQuotaStatusBuilder().withHard(hard).withUsed(after).build();
    }
}
