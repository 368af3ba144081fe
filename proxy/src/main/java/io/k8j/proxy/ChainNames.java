package io.k8j.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * k8j's iptables chain names, in kube-proxy's scheme: fixed chains, and per Service port and per endpoint a
 * prefix and 16 base32 characters of a SHA-256 of the port's name and protocol (and the endpoint), so that a
 * name stays the same across syncs and fits iptables' 28-character limit.
 */
final class ChainNames {
    static final String PREFIX = "K8J-";
    /** The pod network's chains (its guard and masquerade), which the proxy never touches. */
    static final String POD_NETWORK_PREFIX = "K8J-POD-";
    static final String SERVICES = "K8J-SERVICES";
    static final String EXTERNAL_SERVICES = "K8J-EXTERNAL-SERVICES";
    static final String NODE_PORTS = "K8J-NODEPORTS";
    static final String POSTROUTING = "K8J-POSTROUTING";
    static final String MARK_MASQ = "K8J-MARK-MASQ";
    static final String FORWARD = "K8J-FORWARD";
    static final String FIREWALL = "K8J-FIREWALL";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    static String service(ServicePortInfo port) {
        return "K8J-SVC-" + hash(port.id() + port.protocol());
    }

    /** Only the port's local endpoints, for externalTrafficPolicy Local. */
    static String serviceLocal(ServicePortInfo port) {
        return "K8J-SVL-" + hash(port.id() + port.protocol());
    }

    static String external(ServicePortInfo port) {
        return "K8J-EXT-" + hash(port.id() + port.protocol());
    }

    static String endpoint(ServicePortInfo port, EndpointInfo endpoint) {
        return "K8J-SEP-" + hash(port.id() + port.protocol() + endpoint.address());
    }

    private static String hash(String s) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(16);
        for (int bit = 0; b.length() < 16; bit += 5) {
            int value = (((digest[bit / 8] & 0xff) << 8 | (digest[bit / 8 + 1] & 0xff)) >> (11 - bit % 8)) & 0x1f;
            b.append(BASE32[value]);
        }
        return b.toString();
    }
}
