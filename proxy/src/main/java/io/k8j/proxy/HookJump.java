package io.k8j.proxy;

import java.util.ArrayList;
import java.util.List;

import static io.k8j.proxy.ChainNames.EXTERNAL_SERVICES;
import static io.k8j.proxy.ChainNames.FIREWALL;
import static io.k8j.proxy.ChainNames.FORWARD;
import static io.k8j.proxy.ChainNames.POSTROUTING;
import static io.k8j.proxy.ChainNames.SERVICES;

/**
 * A jump from a built-in chain into one of k8j's, kube-proxy's iptablesJumpChains. The nat jumps go first in
 * their hook, as kube's; the filter jumps are appended, so that the pod network's K8J-POD-GUARD, inserted first,
 * still sees every packet before k8j's ACCEPT rules do.
 */
record HookJump(String table, String hook, String chain, List<String> match, String comment) {
    private static final List<String> NEW = List.of("-m", "conntrack", "--ctstate", "NEW");

    static final List<HookJump> ALL = List.of(
            new HookJump("nat", "PREROUTING", SERVICES, List.of(), "k8j service portals"),
            new HookJump("nat", "OUTPUT", SERVICES, List.of(), "k8j service portals"),
            new HookJump("nat", "POSTROUTING", POSTROUTING, List.of(), "k8j postrouting rules"),
            new HookJump("filter", "INPUT", EXTERNAL_SERVICES, NEW, "k8j externally-visible service portals"),
            new HookJump("filter", "FORWARD", EXTERNAL_SERVICES, NEW, "k8j externally-visible service portals"),
            new HookJump("filter", "FORWARD", SERVICES, NEW, "k8j service portals"),
            new HookJump("filter", "OUTPUT", SERVICES, NEW, "k8j service portals"),
            new HookJump("filter", "FORWARD", FORWARD, List.of(), "k8j forwarding rules"),
            new HookJump("filter", "INPUT", FIREWALL, List.of(), "k8j localnet firewall"));

    /** The rule's arguments after {@code -A HOOK} or {@code -C HOOK}. */
    List<String> ruleArgs() {
        List<String> args = new ArrayList<>(match);
        args.addAll(List.of("-m", "comment", "--comment", comment, "-j", chain));
        return args;
    }

    /** Whether a line of {@code iptables-save} is this jump (its hook, comment and target). */
    boolean presentIn(List<String> saved) {
        return saved.stream().anyMatch(l -> l.startsWith("-A " + hook + " ") && l.contains("--comment \"" + comment + "\"")
                && l.endsWith("-j " + chain));
    }

    boolean first() {
        return table.equals("nat");
    }
}
