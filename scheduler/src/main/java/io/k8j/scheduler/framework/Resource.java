package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * An amount of node resources: cpu in millicores, memory and ephemeral storage in bytes, a pod count,
 * and extended ("scalar") resources by name. Mutable so NodeInfo can add and subtract pods cheaply.
 */
public final class Resource {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    public long milliCpu;
    public long memory;
    public long ephemeralStorage;
    public long pods;
    public final Map<String, Long> scalars = new HashMap<>(2);

    /** Parses a resource list (requests, limits, allocatable); hugepages and extended names become scalars. */
    public static Resource of(Map<String, Quantity> list) {
        Resource r = new Resource();
        if (list != null) {
            list.forEach(r::addQuantity);
        }
        return r;
    }

    private void addQuantity(String name, Quantity q) {
        switch (name) {
            case CPU -> milliCpu += milli(q);
            case MEMORY -> memory += whole(q);
            case EPHEMERAL_STORAGE -> ephemeralStorage += whole(q);
            case PODS -> pods += whole(q);
            default -> scalars.merge(name, whole(q), Long::sum);
        }
    }

    /** Millicores rounded up, as kube's MilliValue. */
    public static long milli(Quantity q) {
        return Quantity.getAmountInBytes(q).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public static long whole(Quantity q) {
        BigDecimal v = Quantity.getAmountInBytes(q);
        return v.setScale(0, RoundingMode.CEILING).longValue();
    }

    public void add(Resource o) {
        milliCpu += o.milliCpu;
        memory += o.memory;
        ephemeralStorage += o.ephemeralStorage;
        pods += o.pods;
        o.scalars.forEach((k, v) -> scalars.merge(k, v, Long::sum));
    }

    public void subtract(Resource o) {
        milliCpu -= o.milliCpu;
        memory -= o.memory;
        ephemeralStorage -= o.ephemeralStorage;
        pods -= o.pods;
        o.scalars.forEach((k, v) -> scalars.merge(k, -v, Long::sum));
    }

    /** Raises each amount to at least the other's (the init container rule). */
    public void setMax(Resource o) {
        milliCpu = Math.max(milliCpu, o.milliCpu);
        memory = Math.max(memory, o.memory);
        ephemeralStorage = Math.max(ephemeralStorage, o.ephemeralStorage);
        pods = Math.max(pods, o.pods);
        o.scalars.forEach((k, v) -> scalars.merge(k, v, Math::max));
    }

    public Resource copy() {
        Resource r = new Resource();
        r.add(this);
        return r;
    }

    /** The amount of a named resource, as the Fit and scoring plugins look them up. */
    public long get(String name) {
        return switch (name) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> pods;
            default -> scalars.getOrDefault(name, 0L);
        };
    }
}
