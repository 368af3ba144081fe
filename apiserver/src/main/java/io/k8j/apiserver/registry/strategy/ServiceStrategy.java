package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Services: defaulting, validation, and the cluster IP and node ports they hold. Allocation runs only for
 * an otherwise valid object (kube allocates after validation; here prepare runs first), so an invalid
 * request reserves nothing.
 */
final class ServiceStrategy implements ResourceStrategy {
    private final ResourceType type;
    private final ServiceAllocator allocator;

    ServiceStrategy(ResourceType type, ServiceAllocator allocator) {
        this.type = type;
        this.allocator = allocator;
    }

    @Override
    public void prepareForCreate(ObjectNode svc, StrategyContext ctx) {
        ServiceDefaults.apply(Tree.obj(svc, "spec"));
        svc.putObject("status").putObject("loadBalancer");
        if (validate(svc).isEmpty()) {
            allocate(svc, null, ctx);
        }
    }

    @Override
    public void prepareForUpdate(ObjectNode svc, ObjectNode old, StrategyContext ctx) {
        ObjectNode spec = Tree.obj(svc, "spec");
        JsonNode oldSpec = old.path("spec");
        ServiceDefaults.apply(spec);
        ServiceDefaults.dropTypeDependent(spec, oldSpec);
        ServiceDefaults.keepAllocated(spec, oldSpec);
        if (validateUpdate(svc, old).isEmpty()) {
            allocate(svc, old, ctx);
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode svc) {
        return ServiceValidation.validate(svc);
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode svc, ObjectNode old) {
        return ServiceValidation.validateUpdate(svc, old);
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode svc) {
        return Map.of("spec.clusterIP", Tree.text(svc.path("spec"), "clusterIP"), "spec.type", Tree.text(svc.path("spec"), "type"));
    }

    @Override
    public void afterDelete(ObjectNode svc, StrategyContext ctx) {
        allocator.release(svc);
    }

    /** Reserves what the new object needs and {@code old} (null on create) does not hold yet. */
    private void allocate(ObjectNode svc, ObjectNode old, StrategyContext ctx) {
        ObjectNode spec = Tree.obj(svc, "spec");
        JsonNode oldSpec = old == null ? null : old.path("spec");
        List<Integer> held = oldSpec == null ? List.of() : ServiceAllocator.nodePorts(oldSpec);
        String name = Tree.text(svc.path("metadata"), "name");
        ServiceAllocator.Reservation r = allocator.begin(ctx);
        try {
            if (ServiceDefaults.needsClusterIp(spec)) {
                clusterIp(r, spec, oldSpec, name);
            }
            if (ServiceDefaults.needsNodePorts(spec)) {
                nodePorts(r, spec, held, name);
            }
            if (ServiceDefaults.needsHealthCheckPort(spec)) {
                int port = spec.path("healthCheckNodePort").asInt(0);
                if (port == 0 || !held.contains(port)) {
                    spec.put("healthCheckNodePort", nodePort(r, port, "spec.healthCheckNodePort", name));
                }
            }
        } catch (ApiException e) {
            r.rollback();
            throw e;
        }
        if (ctx.dryRun()) {
            r.rollback();
        } else {
            ctx.onAbort(r::rollback);
        }
    }

    private void clusterIp(ServiceAllocator.Reservation r, ObjectNode spec, JsonNode oldSpec, String name) {
        String ip = Tree.text(spec, "clusterIP");
        try {
            if (ip.isEmpty()) {
                spec.put("clusterIP", r.ip(null));
            } else if (!ip.equals("None") && (oldSpec == null || !ip.equals(Tree.text(oldSpec, "clusterIP")))) {
                r.ip(ip);
            }
        } catch (ServiceAllocator.AllocationException e) {
            if (e.full()) {
                throw ApiException.internal("failed to allocate a serviceIP: " + e.getMessage());
            }
            throw invalid(name, FieldError.invalid("spec.clusterIPs", spec.has("clusterIPs") ? spec.get("clusterIPs") : ip,
                    "failed to allocate IP " + ip + ": " + e.getMessage()));
        }
        ServiceDefaults.completeClusterIp(spec);
    }

    private void nodePorts(ServiceAllocator.Reservation r, ObjectNode spec, List<Integer> held, String name) {
        Map<Integer, Integer> byPortNumber = new HashMap<>(); // TCP and UDP on one port share a node port
        List<ObjectNode> ports = Tree.objects(spec, "ports");
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            int nodePort = p.path("nodePort").asInt(0);
            Integer shared = byPortNumber.get(p.path("port").asInt());
            if (nodePort == 0 && shared != null) {
                nodePort = shared;
            } else if (nodePort == 0 || !held.contains(nodePort) && !Integer.valueOf(nodePort).equals(shared)) {
                nodePort = nodePort(r, nodePort, "spec.ports[" + i + "].nodePort", name);
            }
            p.put("nodePort", nodePort);
            byPortNumber.putIfAbsent(p.path("port").asInt(), nodePort);
        }
    }

    /** Kube's wording: exhaustion is an internal error, a bad or taken request an Invalid field. */
    private int nodePort(ServiceAllocator.Reservation r, int requested, String field, String name) {
        try {
            return r.nodePort(requested);
        } catch (ServiceAllocator.AllocationException e) {
            if (e.full()) {
                throw ApiException.internal("failed to allocate a nodePort: " + e.getMessage());
            }
            throw invalid(name, FieldError.invalid(field, requested, e.getMessage()));
        }
    }

    private ApiException invalid(String name, FieldError error) {
        return ApiException.invalid(type, name, List.of(error));
    }
}
