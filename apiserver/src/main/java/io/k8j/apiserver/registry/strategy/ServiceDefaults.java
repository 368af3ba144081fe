package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service defaulting (SetDefaults_Service), and on update kube's two fix-ups of what clients leave out:
 * fields the old type needed but the new one does not are dropped, and values allocated earlier (cluster IP,
 * node ports by port name) are carried over when the new object omits them, so that a replace or an apply
 * of the original manifest keeps them.
 */
final class ServiceDefaults {
    private static final int CLIENT_IP_TIMEOUT = 10800;

    private ServiceDefaults() {
    }

    static void apply(ObjectNode spec) {
        Tree.defaultText(spec, "type", "ClusterIP");
        Tree.defaultText(spec, "sessionAffinity", "None");
        if (Tree.text(spec, "sessionAffinity").equals("None")) {
            spec.remove("sessionAffinityConfig");
        } else if (Tree.text(spec, "sessionAffinity").equals("ClientIP")) {
            Tree.defaultNumber(Tree.obj(Tree.obj(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds", CLIENT_IP_TIMEOUT);
        }
        for (ObjectNode p : Tree.objects(spec, "ports")) {
            Tree.defaultText(p, "protocol", "TCP");
            JsonNode target = p.get("targetPort");
            if (target == null || target.isNull() || target.asText().isEmpty() || target.isNumber() && target.asInt() == 0) {
                p.put("targetPort", p.path("port").asInt());
            }
        }
        String type = Tree.text(spec, "type");
        if (externallyAccessible(spec)) {
            Tree.defaultText(spec, "externalTrafficPolicy", "Cluster");
        }
        if (Set.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
            Tree.defaultText(spec, "internalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Tree.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
        }
        String clusterIp = Tree.text(spec, "clusterIP");
        List<String> clusterIps = Tree.texts(spec, "clusterIPs");
        if (clusterIp.isEmpty() && !clusterIps.isEmpty()) {
            spec.put("clusterIP", clusterIps.get(0));
        }
    }

    /** Fills clusterIPs and the IP family fields once clusterIP is known; single-stack IPv4 cluster. */
    static void completeClusterIp(ObjectNode spec) {
        if (!needsClusterIp(spec)) {
            return;
        }
        if (Tree.isEmpty(spec, "clusterIPs")) {
            spec.putArray("clusterIPs").add(Tree.text(spec, "clusterIP"));
        }
        boolean selectorlessHeadless = "None".equals(Tree.text(spec, "clusterIP")) && Tree.isEmpty(spec, "selector");
        // kube lets a headless service without selector carry every family the cluster has.
        Tree.defaultText(spec, "ipFamilyPolicy", selectorlessHeadless ? "RequireDualStack" : "SingleStack");
        if (Tree.isEmpty(spec, "ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
    }

    /** Drops what the old type needed and the new type does not, unless the client changed it itself. */
    static void dropTypeDependent(ObjectNode spec, JsonNode oldSpec) {
        if (!needsClusterIp(spec)) {
            for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy")) {
                removeIfUnchanged(spec, oldSpec, f);
            }
        }
        if (!needsNodePorts(spec)) {
            List<Integer> old = ServiceAllocator.nodePorts(oldSpec);
            Tree.objects(spec, "ports").stream().filter(p -> old.contains(p.path("nodePort").asInt(0)))
                    .forEach(p -> p.remove("nodePort"));
        }
        if (!needsHealthCheckPort(spec)) {
            removeIfUnchanged(spec, oldSpec, "healthCheckNodePort");
        }
        if (!externallyAccessible(spec)) {
            removeIfUnchanged(spec, oldSpec, "externalTrafficPolicy");
        }
        if (!Tree.text(spec, "type").equals("LoadBalancer")) {
            removeIfUnchanged(spec, oldSpec, "allocateLoadBalancerNodePorts");
        }
    }

    /** Carries allocated values over from the stored object when the new one leaves them out. */
    static void keepAllocated(ObjectNode spec, JsonNode oldSpec) {
        if (!Tree.text(spec, "clusterIP").equals(Tree.text(oldSpec, "clusterIP"))
                && Tree.same(spec.get("clusterIPs"), oldSpec.get("clusterIPs"))) {
            spec.remove("clusterIPs"); // the client edited clusterIP only; clusterIPs follows it
        }
        if (needsClusterIp(spec) && needsClusterIp(oldSpec) && Tree.text(spec, "clusterIP").isEmpty()) {
            copy(spec, oldSpec, "clusterIP");
            copy(spec, oldSpec, "clusterIPs");
        }
        if (needsNodePorts(spec) && needsNodePorts(oldSpec)) {
            Map<String, Integer> byName = new HashMap<>();
            Tree.objects(oldSpec, "ports").forEach(p -> byName.put(Tree.text(p, "name"), p.path("nodePort").asInt(0)));
            List<Integer> inUse = ServiceAllocator.nodePorts(spec);
            for (ObjectNode p : Tree.objects(spec, "ports")) {
                int old = byName.getOrDefault(Tree.text(p, "name"), 0);
                if (p.path("nodePort").asInt(0) == 0 && old != 0 && !inUse.contains(old)) {
                    p.put("nodePort", old);
                }
            }
        }
        if (needsHealthCheckPort(spec) && needsHealthCheckPort(oldSpec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
            copy(spec, oldSpec, "healthCheckNodePort");
        }
    }

    static boolean needsClusterIp(JsonNode spec) {
        return !Tree.text(spec, "type").equals("ExternalName");
    }

    static boolean needsNodePorts(JsonNode spec) {
        String type = Tree.text(spec, "type");
        return type.equals("NodePort") || type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
    }

    static boolean needsHealthCheckPort(JsonNode spec) {
        return Tree.text(spec, "type").equals("LoadBalancer") && Tree.text(spec, "externalTrafficPolicy").equals("Local");
    }

    static boolean externallyAccessible(JsonNode spec) {
        String type = Tree.text(spec, "type");
        return type.equals("NodePort") || type.equals("LoadBalancer")
                || type.equals("ClusterIP") && !Tree.isEmpty(spec, "externalIPs");
    }

    private static void copy(ObjectNode spec, JsonNode oldSpec, String field) {
        if (Tree.isSet(oldSpec, field)) {
            spec.set(field, oldSpec.get(field).deepCopy());
        }
    }

    private static void removeIfUnchanged(ObjectNode spec, JsonNode oldSpec, String field) {
        if (Tree.same(spec.get(field), oldSpec.get(field))) {
            spec.remove(field);
        }
    }
}
