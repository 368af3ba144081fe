package io.k8j.cli;

import io.k8j.apiserver.pki.CaHash;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bootstrap token as a joining node is given it: k3s's secure form {@code K10<sha256 of the CA PEM>::<id>.<secret>},
 * whose hash lets the node check the server's CA before it sends the token, or the plain {@code <id>.<secret>}
 * (then the hash comes separately, as kubeadm's --discovery-token-ca-cert-hash).
 *
 * @param caHash lowercase hex SHA-256 of the cluster CA's PEM, or null for a plain token
 */
record JoinToken(String caHash, String id, String secret) {
    private static final Pattern SECURE = Pattern.compile("^K10([0-9a-f]{64})::([a-z0-9]{6})\\.([a-z0-9]{16})$");
    private static final Pattern PLAIN = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token for the cluster whose CA is {@code caPem}. */
    static JoinToken generate(String caPem) {
        return new JoinToken(caHash(caPem), random(6), random(16));
    }

    /** The token in either form, or null when it is neither. */
    static JoinToken parse(String text) {
        Matcher secure = SECURE.matcher(text);
        if (secure.matches()) {
            return new JoinToken(secure.group(1), secure.group(2), secure.group(3));
        }
        Matcher plain = PLAIN.matcher(text);
        return plain.matches() ? new JoinToken(null, plain.group(1), plain.group(2)) : null;
    }

    /** What the API server authenticates: {@code <id>.<secret>}. */
    String bearer() {
        return id + "." + secret;
    }

    /** The secure form, which carries the CA hash. */
    String secure() {
        return "K10" + caHash + "::" + bearer();
    }

    static String caHash(String caPem) {
        return CaHash.of(caPem);
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs and exception messages.
        return "JoinToken[" + id + "]";
    }
}
