package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.k8j.dns.ResolvConf;
import io.k8j.kubelet.runtime.SandboxLinux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's resolv.conf as kube's dns configurer builds it (pkg/kubelet/network/dns): by dnsPolicy, ClusterFirst (and
 * ClusterFirstWithHostNet, and ClusterFirst for a pod off the host network) get cluster DNS, the search path
 * {@code NS.svc.DOMAIN svc.DOMAIN DOMAIN} then the node's, and {@code ndots:5}; Default (and ClusterFirst on the
 * host network, or without cluster DNS) the node's resolv.conf; None nothing. The pod's dnsConfig is then merged in:
 * its nameservers and searches appended without duplicates, its options replacing those of the same name.
 *
 * @param clusterDomain kube's --cluster-domain
 * @param clusterDns kube's --cluster-dns, the addresses pods are given; empty for none
 * @param resolvConf the node's resolv.conf (kube's --resolv-conf)
 */
public record PodDns(String clusterDomain, List<String> clusterDns, Path resolvConf) {
    /** The node's own settings for every pod, as a node without cluster DNS. */
    public static final PodDns HOST_ONLY = new PodDns("cluster.local", List.of(), Path.of("/etc/resolv.conf"));
    /** kube's MaxDNSSearchPaths. */
    private static final int MAX_SEARCHES = 32;

    public SandboxLinux.DnsConfig configFor(Pod pod) {
        ResolvConf node = readNode();
        String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        List<String> servers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        boolean cluster = !clusterDns.isEmpty() && (policy.equals("ClusterFirstWithHostNet")
                || (policy.equals("ClusterFirst") && !hostNetwork));
        if (cluster) {
            servers.addAll(clusterDns);
            String ns = pod.getMetadata().getNamespace();
            searches.addAll(List.of(ns + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain));
            searches.addAll(node.searches());
            options.add("ndots:5");
        } else if (!policy.equals("None")) {
            servers.addAll(node.nameservers());
            searches.addAll(node.searches());
            options.addAll(node.options());
        }
        PodDNSConfig own = pod.getSpec().getDnsConfig();
        if (own != null) {
            servers.addAll(own.getNameservers());
            searches.addAll(own.getSearches());
            options = merged(options, own.getOptions());
        }
        List<String> distinctSearches = List.copyOf(new LinkedHashSet<>(searches));
        return new SandboxLinux.DnsConfig(List.copyOf(new LinkedHashSet<>(servers)),
                distinctSearches.subList(0, Math.min(MAX_SEARCHES, distinctSearches.size())), options);
    }

    private ResolvConf readNode() {
        try {
            return ResolvConf.read(resolvConf);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the node's " + resolvConf, e);
        }
    }

    /** The pod's options replace the ones of the same name (kube's mergeDNSOptions). */
    private static List<String> merged(List<String> base, List<PodDNSConfigOption> own) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : base) {
            byName.put(option.split(":", 2)[0], option);
        }
        for (PodDNSConfigOption o : own) {
            byName.put(o.getName(), o.getValue() == null ? o.getName() : o.getName() + ":" + o.getValue());
        }
        return List.copyOf(byName.values());
    }
}
