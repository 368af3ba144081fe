package io.k8j.proxy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The k8j chains of one iptables table and their rules, rendered as iptables-restore input for a
 * {@code --noflush} run: declaring a chain flushes it, so each sync rewrites every chain it owns whole,
 * and per-Service chains left from an earlier sync (named in {@code existing}) are flushed and deleted
 * in the same transaction. Chains of other owners (the pod network's K8J-POD-GUARD and K8J-POD-MASQ) are never touched.
 */
final class TableRules {
    private static final List<String> PER_SERVICE_PREFIXES = List.of("K8J-SVC-", "K8J-SVL-", "K8J-EXT-", "K8J-SEP-");

    private final String table;
    private final Set<String> chains = new LinkedHashSet<>();
    private final List<String> rules = new ArrayList<>();

    TableRules(String table, String... fixedChains) {
        this.table = table;
        chains.addAll(List.of(fixedChains));
    }

    String table() {
        return table;
    }

    Set<String> chains() {
        return chains;
    }

    void chain(String name) {
        chains.add(name);
    }

    /** Appends {@code -A chain args}. */
    void rule(String chain, String args) {
        rules.add("-A " + chain + " " + args);
    }

    String restoreInput(Set<String> existing) {
        List<String> stale = existing.stream().filter(c -> !chains.contains(c) && isPerService(c)).sorted().toList();
        StringBuilder b = new StringBuilder("*").append(table).append('\n');
        chains.forEach(c -> b.append(':').append(c).append(" - [0:0]\n"));
        stale.forEach(c -> b.append(':').append(c).append(" - [0:0]\n"));
        rules.forEach(r -> b.append(r).append('\n'));
        stale.forEach(c -> b.append("-X ").append(c).append('\n'));
        return b.append("COMMIT\n").toString();
    }

    static boolean isPerService(String chain) {
        return PER_SERVICE_PREFIXES.stream().anyMatch(chain::startsWith);
    }
}
