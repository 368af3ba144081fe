package io.k8j.proxy;

import io.k8j.client.host.HostCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k8j's chains on this host: a ruleset applied with one {@code iptables-restore --noflush} per table (a table is
 * never seen half-written), the jumps from the built-in chains, and their removal. {@code -w} waits for the
 * xtables lock that other tools (the CNI plugins, the pod network guard) take.
 */
final class Iptables {
    /** The host's own tables. */
    static final Iptables HOST = new Iptables(List.of());

    private final List<String> prefix;

    /** {@code prefix}: what runs the commands elsewhere ({@code ip netns exec NS}), or nothing for the host. */
    Iptables(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /**
     * Writes every k8j chain of the ruleset and deletes the per-Service chains it no longer has, then adds the jumps
     * that the table's dump before the write did not show. One dump per table, not an {@code iptables -C} per jump:
     * with iptables-nft every such call reads the whole table, seconds each with thousands of Services.
     */
    void apply(Ruleset ruleset) {
        for (TableRules table : List.of(ruleset.nat(), ruleset.filter())) {
            List<String> saved = save(table.table());
            run(List.of("iptables-restore", "-w", "--noflush"), table.restoreInput(chains(saved)));
            HookJump.ALL.stream().filter(j -> j.table().equals(table.table()) && !j.presentIn(saved)).forEach(this::add);
        }
    }

    /** Parses and builds the ruleset without committing it: iptables' own check of what {@link #apply} would write. */
    void test(Ruleset ruleset) {
        for (TableRules table : List.of(ruleset.nat(), ruleset.filter())) {
            run(List.of("iptables-restore", "-w", "--test", "--noflush"), table.restoreInput(Set.of()));
        }
    }

    private List<String> save(String table) {
        return run(List.of("iptables-save", "-t", table), null).lines().toList();
    }

    /** The k8j chains of a table's dump, but the pod network guard's (not the proxy's to manage). */
    private static Set<String> chains(List<String> saved) {
        Set<String> chains = new LinkedHashSet<>();
        for (String line : saved) {
            if (line.startsWith(":" + ChainNames.PREFIX) && !line.startsWith(":" + ChainNames.POD_NETWORK_PREFIX)) {
                chains.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return chains;
    }

    /**
     * Removes every jump into a k8j chain and every k8j chain but the pod network's; what is absent is no error.
     * The chains are emptied first, so that the per-jump deletes read small tables.
     */
    void cleanup() {
        Map<String, Set<String>> chains = new LinkedHashMap<>();
        for (String table : List.of("nat", "filter")) {
            chains.put(table, chains(save(table)));
            restore(table, chains.get(table), "");
        }
        for (HookJump jump : HookJump.ALL) {
            for (int i = 0; i < 10 && HostCommand.exec(command(jump, "-D"), null).ok(); i++) {
                // one copy removed per call
            }
        }
        chains.forEach((table, names) -> restore(table, names, "-X"));
    }

    /** Declares (so flushes) the chains, and with {@code op} "-X" deletes them, in one transaction. */
    private void restore(String table, Set<String> names, String op) {
        if (names.isEmpty()) {
            return;
        }
        StringBuilder input = new StringBuilder("*").append(table).append('\n');
        names.forEach(c -> input.append(':').append(c).append(" - [0:0]\n"));
        if (!op.isEmpty()) {
            names.forEach(c -> input.append(op).append(' ').append(c).append('\n'));
        }
        run(List.of("iptables-restore", "-w", "--noflush"), input.append("COMMIT\n").toString());
    }

    private void add(HookJump jump) {
        HostCommand.check(command(jump, jump.first() ? "-I" : "-A"), null);
    }

    private List<String> command(HookJump jump, String op) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("iptables", "-w", "-t", jump.table(), op, jump.hook()));
        if (op.equals("-I")) {
            cmd.add("1");
        }
        cmd.addAll(jump.ruleArgs());
        return cmd;
    }

    private String run(List<String> cmd, String input) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(cmd);
        return HostCommand.check(full, input);
    }
}
