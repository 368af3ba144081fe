package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/**
 * discovery.k8s.io/v1 EndpointSlices, minimal: the address type is required and fixed, each endpoint has
 * 1 to 100 addresses, ports default to TCP with an empty name (as kube shows them).
 */
final class EndpointSliceStrategy implements ResourceStrategy {
    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final int MAX_ADDRESSES = 100;

    @Override
    public void prepareForCreate(ObjectNode slice, StrategyContext ctx) {
        applyDefaults(slice);
    }

    @Override
    public void prepareForUpdate(ObjectNode slice, ObjectNode old, StrategyContext ctx) {
        applyDefaults(slice);
    }

    private static void applyDefaults(ObjectNode slice) {
        for (ObjectNode p : Tree.objects(slice, "ports")) {
            if (!Tree.isSet(p, "name")) {
                p.put("name", "");
            }
            Tree.defaultText(p, "protocol", "TCP");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode slice) {
        List<FieldError> errs = new ArrayList<>();
        Checks.required(errs, slice, "addressType", "addressType");
        Checks.supported(errs, slice, "addressType", "addressType", ADDRESS_TYPES);
        boolean ipv4 = Tree.text(slice, "addressType").equals("IPv4");
        List<ObjectNode> endpoints = Tree.objects(slice, "endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            String path = "endpoints[" + i + "].addresses";
            List<String> addresses = Tree.texts(endpoints.get(i), "addresses");
            if (addresses.isEmpty()) {
                errs.add(FieldError.required(path, "must contain at least 1 address"));
            } else if (addresses.size() > MAX_ADDRESSES) {
                errs.add(new FieldError(FieldError.Type.TOO_LONG, path, null, "must have at most " + MAX_ADDRESSES + " items"));
            }
            for (int j = 0; ipv4 && j < addresses.size(); j++) {
                if (!ServiceIpRange.isIpv4(addresses.get(j))) {
                    errs.add(FieldError.invalid(path + "[" + j + "]", addresses.get(j), "must be a valid IPv4 address"));
                }
            }
        }
        List<ObjectNode> ports = Tree.objects(slice, "ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).get("port");
            if (port != null && !port.isNull() && !Checks.validPort(port.asLong())) {
                errs.add(Checks.badPort("ports[" + i + "].port", port.asLong()));
            }
            Checks.supported(errs, ports.get(i), "protocol", "ports[" + i + "].protocol", ContainerValidation.PROTOCOLS);
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode slice, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(slice));
        Checks.immutable(errs, slice, old, "addressType", "addressType");
        return errs;
    }
}
