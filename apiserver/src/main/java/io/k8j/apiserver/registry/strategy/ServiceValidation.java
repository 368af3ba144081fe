package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Service validation (the common subset of kube's ValidateService) for a single-stack IPv4 cluster. */
final class ServiceValidation {
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

    private ServiceValidation() {
    }

    static List<FieldError> validate(ObjectNode svc) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(Names.metadataName(svc, Names::dns1035Label));
        JsonNode spec = svc.path("spec");
        String type = Tree.text(spec, "type");
        Checks.supported(errs, spec, "type", "spec.type", TYPES);
        Checks.supported(errs, spec, "sessionAffinity", "spec.sessionAffinity", AFFINITIES);
        JsonNode timeout = spec.at("/sessionAffinityConfig/clientIP/timeoutSeconds");
        if (timeout.isNumber() && (timeout.asLong() <= 0 || timeout.asLong() > 86400)) {
            errs.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout.asLong(),
                    "must be greater than 0 and less than 86400"));
        }
        String clusterIp = Tree.text(spec, "clusterIP");
        if (type.equals("ExternalName")) {
            if (!clusterIp.isEmpty()) {
                errs.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
            }
            String external = Tree.text(spec, "externalName");
            if (external.isEmpty()) {
                errs.add(FieldError.required("spec.externalName", ""));
            } else {
                errs.addAll(Names.check("spec.externalName", external.endsWith(".")
                        ? external.substring(0, external.length() - 1) : external, Names::dns1123Subdomain));
            }
        } else if (!clusterIp.isEmpty() && !clusterIp.equals("None") && !ServiceIpRange.isIpv4(clusterIp)) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", clusterIp,
                    "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
        families(errs, spec);
        boolean headless = clusterIp.equals("None");
        if (Tree.objects(spec, "ports").isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        ports(errs, spec, type);
        LabelSelectors.validateLabels(errs, Tree.objOrNull(spec, "selector"), "spec.selector");
        if (Tree.isSet(spec, "externalTrafficPolicy") && !ServiceDefaults.externallyAccessible(spec)) {
            errs.add(FieldError.invalid("spec.externalTrafficPolicy", Tree.text(spec, "externalTrafficPolicy"),
                    "may only be set for externally-accessible services"));
        }
        Checks.supported(errs, spec, "externalTrafficPolicy", "spec.externalTrafficPolicy", TRAFFIC_POLICIES);
        Checks.supported(errs, spec, "internalTrafficPolicy", "spec.internalTrafficPolicy", TRAFFIC_POLICIES);
        return errs;
    }

    /** The stored cluster IP is kept for the service's life (the type change to ExternalName aside). */
    static List<FieldError> validateUpdate(ObjectNode svc, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(svc));
        JsonNode spec = svc.path("spec");
        JsonNode oldSpec = old.path("spec");
        String oldIp = Tree.text(oldSpec, "clusterIP");
        String newIp = Tree.text(spec, "clusterIP");
        if (!oldIp.isEmpty() && ServiceDefaults.needsClusterIp(spec) && !newIp.equals(oldIp)) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", newIp, "may not change once set"));
        }
        return errs;
    }

    private static void families(List<FieldError> errs, JsonNode spec) {
        Checks.supported(errs, spec, "ipFamilyPolicy", "spec.ipFamilyPolicy", FAMILY_POLICIES);
        boolean selectorlessHeadless = "None".equals(Tree.text(spec, "clusterIP")) && Tree.isEmpty(spec, "selector");
        if ("RequireDualStack".equals(Tree.text(spec, "ipFamilyPolicy")) && !selectorlessHeadless) {
            errs.add(FieldError.invalid("spec.ipFamilyPolicy", "RequireDualStack",
                    "this cluster is not configured for dual-stack services"));
        }
        List<String> families = Tree.texts(spec, "ipFamilies");
        for (int i = 0; i < families.size(); i++) {
            if (!families.get(i).equals("IPv4")) {
                errs.add(FieldError.invalid("spec.ipFamilies[" + i + "]", families.get(i), "not configured on this cluster"));
            }
        }
    }

    private static void ports(List<FieldError> errs, JsonNode spec, String type) {
        List<ObjectNode> ports = Tree.objects(spec, "ports");
        Set<String> names = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            String pp = "spec.ports[" + i + "]";
            String name = Tree.text(p, "name");
            if (name.isEmpty() && ports.size() > 1) {
                errs.add(FieldError.required(pp + ".name", ""));
            } else if (!name.isEmpty()) {
                errs.addAll(Names.check(pp + ".name", name, Names::dns1123Label));
                if (!names.add(name)) {
                    errs.add(FieldError.duplicate(pp + ".name", name));
                }
            }
            long port = p.path("port").asLong(0);
            if (!Checks.validPort(port)) {
                errs.add(Checks.badPort(pp + ".port", port));
            }
            Checks.supported(errs, p, "protocol", pp + ".protocol", ContainerValidation.PROTOCOLS);
            if (!portKeys.add(port + "/" + Tree.text(p, "protocol"))) {
                errs.add(FieldError.duplicate(pp, p.deepCopy()));
            }
            JsonNode target = p.get("targetPort");
            if (target != null && target.isNumber() && !Checks.validPort(target.asLong())) {
                errs.add(Checks.badPort(pp + ".targetPort", target.asLong()));
            } else if (target != null && target.isTextual()) {
                errs.addAll(Names.check(pp + ".targetPort", target.asText(), Names::portName));
            }
            if (type.equals("ClusterIP") && p.path("nodePort").asInt(0) != 0) {
                errs.add(FieldError.forbidden(pp + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
            }
        }
    }
}
