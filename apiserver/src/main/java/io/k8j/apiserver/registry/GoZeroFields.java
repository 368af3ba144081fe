package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields kube-apiserver returns even when nobody set them, because Go's encoder writes them: fields without
 * omitempty (as 0 or ""), and struct fields, which omitempty never drops (as {}). Clients rely on them: the
 * Python client refuses a DaemonSet status without numberReady or a Node without nodeInfo.kubeletVersion.
 *
 * <p>Every kind has its {@code spec} and {@code status} structs. Nil slices Go writes as null; two that the Python
 * client requires are written as [] instead (an EndpointSlice's endpoints, a LimitRange's limits), which no
 * client tells apart from null.
 */
final class GoZeroFields {
    private static final List<String> NODE_INFO = List.of("machineID", "systemUUID", "bootID", "kernelVersion",
            "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem",
            "architecture");
    private static final List<String> CONTAINER_STATUS = List.of("state={}", "lastState={}", "ready=false",
            "restartCount=0", "image=\"\"", "imageID=\"\"");

    /** "group/version Kind" -> "path=zero": a.b for nested objects, a[].b for each element of an array. */
    private static final Map<String, List<String>> BY_KIND = Map.ofEntries(
            Map.entry("apps/v1 DaemonSet", List.of("status.currentNumberScheduled=0", "status.numberMisscheduled=0",
                    "status.desiredNumberScheduled=0", "status.numberReady=0")),
            Map.entry("apps/v1 ReplicaSet", List.of("status.replicas=0")),
            Map.entry("apps/v1 StatefulSet", List.of("spec.serviceName=\"\"", "status.replicas=0",
                    "status.availableReplicas=0")),
            Map.entry("apps/v1 ControllerRevision", List.of("revision=0")),
            Map.entry("v1 Node", nodeFields()),
            Map.entry("v1 Pod", podFields()),
            Map.entry("v1 Service", List.of("status.loadBalancer={}")),
            Map.entry("v1 PersistentVolumeClaim", List.of("spec.resources={}")),
            Map.entry("v1 Event", List.of("involvedObject={}", "source={}", "reportingComponent=\"\"",
                    "reportingInstance=\"\"")),
            Map.entry("v1 LimitRange", List.of("spec.limits=[]")),
            Map.entry("events.k8s.io/v1 Event", List.of("deprecatedSource={}")),
            Map.entry("discovery.k8s.io/v1 EndpointSlice", List.of("endpoints=[]", "endpoints[].conditions={}")),
            Map.entry("scheduling.k8s.io/v1 PriorityClass", List.of("value=0")));

    private record Field(List<String> path, JsonNode zero) {
    }

    private final List<Field> fields;

    private GoZeroFields(List<Field> fields) {
        this.fields = fields;
    }

    static GoZeroFields of(ResourceType type) {
        List<Field> fields = new ArrayList<>();
        for (String f : List.of("spec", "status")) {
            if (type.modelClass() != null && hasGetter(type.modelClass(), f)) {
                fields.add(new Field(List.of(f), Json.object()));
            }
        }
        for (String spec : BY_KIND.getOrDefault(type.apiVersion() + " " + type.kind(), List.of())) {
            int eq = spec.indexOf('=');
            fields.add(new Field(List.of(spec.substring(0, eq).split("\\.")), parse(spec.substring(eq + 1))));
        }
        return new GoZeroFields(fields);
    }

    /** Adds each missing field with its zero value; never changes one that is set. */
    void fill(ObjectNode obj) {
        for (Field f : fields) {
            fill(obj, f.path(), f.zero());
        }
    }

    private static void fill(ObjectNode parent, List<String> path, JsonNode zero) {
        String step = path.getFirst();
        List<String> rest = path.subList(1, path.size());
        if (step.endsWith("[]")) {
            if (parent.get(step.substring(0, step.length() - 2)) instanceof ArrayNode items) {
                items.forEach(item -> {
                    if (item instanceof ObjectNode o) {
                        fill(o, rest, zero);
                    }
                });
            }
            return;
        }
        JsonNode here = parent.get(step);
        if (rest.isEmpty()) {
            if (here == null || here.isNull()) {
                parent.set(step, zero.deepCopy());
            }
        } else if (here == null || here.isNull()) {
            fill(parent.putObject(step), rest, zero);
        } else if (here instanceof ObjectNode o) {
            fill(o, rest, zero);
        }
    }

    private static List<String> nodeFields() {
        List<String> fields = new ArrayList<>(List.of("status.daemonEndpoints.kubeletEndpoint.Port=0"));
        NODE_INFO.forEach(f -> fields.add("status.nodeInfo." + f + "=\"\""));
        return fields;
    }

    private static List<String> podFields() {
        List<String> fields = new ArrayList<>();
        for (String list : List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
            CONTAINER_STATUS.forEach(f -> fields.add("status." + list + "[]." + f));
        }
        return fields;
    }

    private static JsonNode parse(String zero) {
        try {
            return Json.MAPPER.readTree(zero);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad zero value " + zero, e);
        }
    }

    private static boolean hasGetter(Class<?> type, String field) {
        try {
            type.getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
