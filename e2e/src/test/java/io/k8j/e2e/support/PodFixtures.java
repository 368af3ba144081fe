package io.k8j.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Pods read and written as a kubelet would, for tests whose nodes are simulated (no kubelet runs). */
public final class PodFixtures {
    private PodFixtures() {
    }

    /** Pods of {@code ns} not being deleted. */
    public static List<JsonNode> live(ApiClient api, String ns) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode pod : api.get("/api/v1/namespaces/" + ns + "/pods").json().path("items")) {
            if (!pod.path("metadata").has("deletionTimestamp")) {
                out.add(pod);
            }
        }
        return out;
    }

    public static boolean isReady(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    /** Writes the status a kubelet writes once the pod's containers run and pass readiness. */
    public static void markRunningAndReady(ApiClient api, JsonNode pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        api.patch("/api/v1/namespaces/" + pod.at("/metadata/namespace").asText() + "/pods/" + pod.at("/metadata/name").asText()
                + "/status", "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":"
                + "\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}");
    }
}
