package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/** v1 Endpoints, minimal: ports default to TCP; addresses need an IP, ports a valid number and protocol. */
final class EndpointsStrategy implements ResourceStrategy {

    @Override
    public void prepareForCreate(ObjectNode ep, StrategyContext ctx) {
        applyDefaults(ep);
    }

    @Override
    public void prepareForUpdate(ObjectNode ep, ObjectNode old, StrategyContext ctx) {
        applyDefaults(ep);
    }

    private static void applyDefaults(ObjectNode ep) {
        Tree.objects(ep, "subsets").forEach(s -> Tree.objects(s, "ports").forEach(p -> Tree.defaultText(p, "protocol", "TCP")));
    }

    @Override
    public List<FieldError> validate(ObjectNode ep) {
        List<FieldError> errs = new ArrayList<>();
        List<ObjectNode> subsets = Tree.objects(ep, "subsets");
        for (int i = 0; i < subsets.size(); i++) {
            String sp = "subsets[" + i + "]";
            for (String list : List.of("addresses", "notReadyAddresses")) {
                List<ObjectNode> addresses = Tree.objects(subsets.get(i), list);
                for (int j = 0; j < addresses.size(); j++) {
                    String ip = Tree.text(addresses.get(j), "ip");
                    if (!ServiceIpRange.isIpv4(ip) && !ip.contains(":")) {
                        errs.add(FieldError.invalid(sp + "." + list + "[" + j + "].ip", ip, "must be a valid IP address"));
                    }
                }
            }
            List<ObjectNode> ports = Tree.objects(subsets.get(i), "ports");
            for (int j = 0; j < ports.size(); j++) {
                String pp = sp + ".ports[" + j + "]";
                long port = ports.get(j).path("port").asLong(0);
                if (!Checks.validPort(port)) {
                    errs.add(Checks.badPort(pp + ".port", port));
                }
                Checks.supported(errs, ports.get(j), "protocol", pp + ".protocol", ContainerValidation.PROTOCOLS);
            }
        }
        return errs;
    }
}
