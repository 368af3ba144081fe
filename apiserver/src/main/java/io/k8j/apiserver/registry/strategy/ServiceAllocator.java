package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.StrategyContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Cluster IPs and node ports of Services. Thread-safe. Seeded lazily from the stored services on first use.
 *
 * <p>A reservation whose write then fails is given back by the store ({@code StrategyContext.onAbort}), unless
 * the store's outcome is unknown. What is left (such a write, an update that frees a node port, another API
 * server's writes) is found, instead of by kube's periodic repair loop, by a resync with storage when the
 * allocator would otherwise refuse (range full, value taken): everything stored stays taken, as does anything
 * reserved within {@link #IN_FLIGHT} (its request may not have reached storage yet); the rest is free again.
 */
public final class ServiceAllocator {
    /** k3s' default service CIDR; 10.43.0.1 is kept for the "kubernetes" service, which asks for it. */
    public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
    public static final int DEFAULT_NODE_PORT_MIN = 30000;
    public static final int DEFAULT_NODE_PORT_MAX = 32767;
    static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    final ServiceIpRange ips;
    private final int portMin;
    private final int portMax;
    private final AllocationRange ports;
    private final RandomGenerator random;
    private final Clock clock;
    private final Map<Integer, Instant> recentIps = new HashMap<>();
    private final Map<Integer, Instant> recentPorts = new HashMap<>();
    private boolean seeded;

    public ServiceAllocator() {
        this(DEFAULT_SERVICE_CIDR);
    }

    public ServiceAllocator(String serviceCidr) {
        this(serviceCidr, DEFAULT_NODE_PORT_MIN, DEFAULT_NODE_PORT_MAX, new SplittableRandom(), Clock.systemUTC());
    }

    /** The range's first address, the kubernetes Service's, which only an explicit request gets. */
    public String firstIp() {
        return ips.address(0);
    }

    public ServiceAllocator(String serviceCidr, int nodePortMin, int nodePortMax, RandomGenerator random, Clock clock) {
        this.ips = new ServiceIpRange(serviceCidr);
        this.portMin = nodePortMin;
        this.portMax = nodePortMax;
        int portCount = nodePortMax - nodePortMin + 1;
        this.ports = new AllocationRange(portCount, AllocationRange.band(portCount, 32, 128), 0);
        this.random = random;
        this.clock = clock;
    }

    /** A unit of reservations for one request, undone as a whole on failure or dry run. */
    public final class Reservation {
        private final StrategyContext ctx;
        private final List<Integer> ipOffsets = new ArrayList<>();
        private final List<Integer> portOffsets = new ArrayList<>();

        private Reservation(StrategyContext ctx) {
            this.ctx = ctx;
        }

        /** Reserves {@code requested}, or any free IP when it is null; returns the IP. */
        public String ip(String requested) {
            synchronized (ServiceAllocator.this) {
                int offset = requested == null ? next(ips.range(), recentIps, "range is full")
                        : specific(ips.offset(requested), ips.range(), recentIps, "provided IP is already allocated");
                ipOffsets.add(offset);
                return ips.address(offset);
            }
        }

        /** Reserves {@code requested}, or any free node port when it is 0; returns the port. */
        public int nodePort(int requested) {
            synchronized (ServiceAllocator.this) {
                if (requested != 0 && (requested < portMin || requested > portMax)) {
                    throw new AllocationException(false, "provided port is not in the valid range. "
                            + "The range of valid ports is " + portMin + "-" + portMax);
                }
                int offset = requested == 0 ? next(ports, recentPorts, "range is full")
                        : specific(requested - portMin, ports, recentPorts, "provided port is already allocated");
                portOffsets.add(offset);
                return offset + portMin;
            }
        }

        /** Gives back everything this reservation took. */
        public void rollback() {
            synchronized (ServiceAllocator.this) {
                ipOffsets.forEach(o -> free(ips.range(), recentIps, o));
                portOffsets.forEach(o -> free(ports, recentPorts, o));
                ipOffsets.clear();
                portOffsets.clear();
            }
        }

        private int next(AllocationRange range, Map<Integer, Instant> recent, String fullMessage) {
            var found = range.takeNext(random);
            if (found.isEmpty()) {
                resync(ctx);
                found = range.takeNext(random);
            }
            int offset = found.orElseThrow(() -> new AllocationException(true, fullMessage));
            recent.put(offset, clock.instant());
            return offset;
        }

        private int specific(int offset, AllocationRange range, Map<Integer, Instant> recent, String takenMessage) {
            if (!range.take(offset)) {
                resync(ctx);
                if (!range.take(offset)) {
                    throw new AllocationException(false, takenMessage);
                }
            }
            recent.put(offset, clock.instant());
            return offset;
        }
    }

    /** Starts a reservation, seeding the allocator from storage on first use. */
    public synchronized Reservation begin(StrategyContext ctx) {
        if (!seeded) {
            resync(ctx);
        }
        return new Reservation(ctx);
    }

    /** Frees the cluster IP and node ports of a deleted service. */
    public synchronized void release(JsonNode service) {
        JsonNode spec = service.path("spec");
        for (String ip : ServiceIpRange.clusterIps(spec)) {
            ips.offsetIfInRange(ip).ifPresent(o -> free(ips.range(), recentIps, o));
        }
        for (int port : nodePorts(spec)) {
            free(ports, recentPorts, port - portMin);
        }
    }

    /** Rebuilds both ranges from the stored services plus the reservations still in flight. */
    private void resync(StrategyContext ctx) {
        Instant cutoff = clock.instant().minus(IN_FLIGHT);
        recentIps.values().removeIf(t -> t.isBefore(cutoff));
        recentPorts.values().removeIf(t -> t.isBefore(cutoff));
        ips.range().clear();
        ports.clear();
        recentIps.keySet().forEach(ips.range()::take);
        recentPorts.keySet().forEach(ports::take);
        for (ObjectNode svc : ctx.list("", "services")) {
            JsonNode spec = svc.path("spec");
            ServiceIpRange.clusterIps(spec).forEach(ip -> ips.offsetIfInRange(ip).ifPresent(ips.range()::take));
            nodePorts(spec).stream().filter(p -> p >= portMin && p <= portMax).forEach(p -> ports.take(p - portMin));
        }
        seeded = true;
    }

    private static void free(AllocationRange range, Map<Integer, Instant> recent, int offset) {
        range.release(offset);
        recent.remove(offset);
    }

    /** Node ports a service spec holds, health-check port included. */
    static List<Integer> nodePorts(JsonNode spec) {
        List<Integer> out = new ArrayList<>();
        spec.path("ports").forEach(p -> {
            if (p.path("nodePort").asInt(0) != 0) {
                out.add(p.path("nodePort").asInt());
            }
        });
        if (spec.path("healthCheckNodePort").asInt(0) != 0) {
            out.add(spec.path("healthCheckNodePort").asInt());
        }
        return out;
    }

    /** A value could not be reserved; {@code full} tells exhaustion from a bad or taken request. */
    public static final class AllocationException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean full;

        AllocationException(boolean full, String message) {
            super(message);
            this.full = full;
        }

        public boolean full() {
            return full;
        }
    }
}
