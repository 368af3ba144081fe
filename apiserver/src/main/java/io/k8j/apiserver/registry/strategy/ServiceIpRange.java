package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The IPv4 service CIDR mapped onto an {@link AllocationRange}: offset 0 is the first host address
 * (10.43.0.1, left to explicit requests), the network and broadcast addresses are never handed out.
 */
final class ServiceIpRange {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final String cidr;
    private final long network;
    private final int hosts;
    private final AllocationRange range;

    ServiceIpRange(String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        if (!isIpv4(parts[0]) || prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("service CIDR must be an IPv4 range between /8 and /30: " + cidr);
        }
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.cidr = cidr;
        this.network = toLong(parts[0]) & mask;
        this.hosts = (int) ((1L << (32 - prefix)) - 2);
        this.range = new AllocationRange(hosts, AllocationRange.band(hosts, 16, 256), 1);
    }

    static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    AllocationRange range() {
        return range;
    }

    /** The offset of a requested IP; fails the way kube's allocator words it when outside the range. */
    int offset(String ip) {
        return offsetIfInRange(ip).orElseThrow(() -> new ServiceAllocator.AllocationException(false,
                "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr));
    }

    OptionalInt offsetIfInRange(String ip) {
        if (!isIpv4(ip)) {
            return OptionalInt.empty();
        }
        long offset = toLong(ip) - network - 1;
        return offset >= 0 && offset < hosts ? OptionalInt.of((int) offset) : OptionalInt.empty();
    }

    String address(int offset) {
        long v = network + 1 + offset;
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    /** The allocated IPs of a service spec (clusterIP and clusterIPs), without "None". */
    static List<String> clusterIps(JsonNode spec) {
        LinkedHashSet<String> out = new LinkedHashSet<>(Tree.texts(spec, "clusterIPs"));
        out.add(Tree.text(spec, "clusterIP"));
        out.remove("");
        out.remove("None");
        return new ArrayList<>(out);
    }

    private static long toLong(String ip) {
        long v = 0;
        for (String octet : ip.split("\\.")) {
            v = v << 8 | Integer.parseInt(octet);
        }
        return v;
    }
}
