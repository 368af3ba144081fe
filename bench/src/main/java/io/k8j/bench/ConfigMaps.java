package io.k8j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

/** The ConfigMaps both benchmarks write: a fixed name pattern and a payload of a chosen size. */
final class ConfigMaps {
    private ConfigMaps() {
    }

    static String name(int index) {
        return "bench-" + index;
    }

    /** A new ConfigMap whose data is {@link #data(int, char)} filled with 'a'. */
    static ObjectNode object(String namespace, String name, int payloadBytes) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name).put("namespace", namespace);
        cm.set("data", data(payloadBytes, 'a'));
        return cm;
    }

    /** One key holding {@code payloadBytes} copies of {@code fill} (ASCII, so chars = bytes). */
    static ObjectNode data(int payloadBytes, char fill) {
        return Json.object().put("payload", String.valueOf(fill).repeat(payloadBytes));
    }
}
