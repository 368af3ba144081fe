package io.k8j.client.net;

import java.util.regex.Pattern;

/**
 * An IPv4 range in CIDR notation, normalised to its network address (10.42.7.9/16 is 10.42.0.0/16), as Go's
 * net.ParseCIDR returns it. The pod and service CIDRs of the cluster and each node's pod CIDR are these.
 */
public record Ipv4Cidr(long network, int prefix) {
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");

    /** Parses a.b.c.d/p; anything else (IPv6 included) fails with kube's wording. */
    public static Ipv4Cidr parse(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}") || Integer.parseInt(parts[1]) > 32) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        long address = parseAddress(parts[0]);
        if (address < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        return new Ipv4Cidr(address & mask(prefix), prefix);
    }

    /** The address as an unsigned 32-bit number, or -1 when it is no dotted-quad IPv4 address. */
    public static long parseAddress(String ip) {
        String[] octets = ip.split("\\.", -1);
        if (octets.length != 4) {
            return -1;
        }
        long value = 0;
        for (String octet : octets) {
            if (!OCTET.matcher(octet).matches()) {
                return -1;
            }
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** How many addresses the range holds. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The address {@code offset} past the network address: 1 is the first host (a bridge's gateway). */
    public String address(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException(offset + " is outside " + this);
        }
        long a = network + offset;
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    public boolean contains(String ip) {
        long a = parseAddress(ip);
        return a >= 0 && (a & mask(prefix)) == network;
    }

    /** Whether the two ranges share an address: one then holds the other. */
    public boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** The {@code index}-th range of prefix {@code subPrefix} inside this one. */
    public Ipv4Cidr subnet(long index, int subPrefix) {
        long count = 1L << (subPrefix - prefix);
        if (subPrefix < prefix || subPrefix > 32 || index < 0 || index >= count) {
            throw new IllegalArgumentException("no /" + subPrefix + " number " + index + " in " + this);
        }
        return new Ipv4Cidr(network + (index << (32 - subPrefix)), subPrefix);
    }

    /** Which {@code subnet(index, other.prefix)} {@code other} is, or -1 when it is none of them. */
    public long indexOf(Ipv4Cidr other) {
        return other.prefix >= prefix && overlaps(other) ? (other.network - network) >>> (32 - other.prefix) : -1;
    }

    @Override
    public String toString() {
        return address(0) + "/" + prefix;
    }
}
