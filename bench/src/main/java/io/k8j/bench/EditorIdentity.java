package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A non-admin identity for the benchmark: a service account with ClusterRole edit's permissions in the namespace
 * (a RoleBinding) and a token from the TokenRequest API. ClusterRole edit gets its rules from the cluster role
 * aggregation controller, which a server benchmarked alone does not run; then the service account is bound to a
 * copy of what that controller would fill in (the rules of the roles edit's aggregationRule selects), so that
 * authorization walks the same rules either way.
 */
final class EditorIdentity {
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";

    private EditorIdentity() {
    }

    /** The token of service account {@code name} in {@code admin}'s namespace, created and bound unless they exist. */
    static String token(ApiClient admin, String name) throws IOException, InterruptedException {
        String ns = admin.namespace();
        String role = editRole(admin, name);
        ObjectNode sa = Json.object().put("apiVersion", "v1").put("kind", "ServiceAccount");
        sa.putObject("metadata").put("name", name);
        admin.createIfAbsent("/api/v1/namespaces/" + ns + "/serviceaccounts", sa);
        ObjectNode binding = Json.object().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "RoleBinding");
        binding.putObject("metadata").put("name", name);
        binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", role);
        binding.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", name).put("namespace", ns);
        admin.createIfAbsent(RBAC + "/namespaces/" + ns + "/rolebindings", binding);
        ObjectNode tokenRequest = Json.object().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
        tokenRequest.putObject("spec");
        ObjectNode issued = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts/" + name + "/token", tokenRequest);
        return issued.path("status").path("token").asText();
    }

    /** "edit" when it has its rules; otherwise a cluster role {@code name}-edit holding the rules aggregation would give it. */
    private static String editRole(ApiClient admin, String name) throws IOException, InterruptedException {
        ObjectNode edit = admin.getPath(RBAC + "/clusterroles/edit");
        if (!edit.path("rules").isEmpty()) {
            return "edit";
        }
        ArrayNode rules = Json.MAPPER.createArrayNode();
        for (JsonNode selector : edit.path("aggregationRule").path("clusterRoleSelectors")) {
            List<String> terms = new ArrayList<>();
            for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
                terms.add(label.getKey() + "=" + label.getValue().asText());
            }
            String query = URLEncoder.encode(String.join(",", terms), StandardCharsets.UTF_8);
            for (JsonNode role : admin.getPath(RBAC + "/clusterroles?labelSelector=" + query).path("items")) {
                rules.addAll((ArrayNode) role.path("rules"));
            }
        }
        String copy = name + "-edit";
        ObjectNode role = Json.object().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRole");
        role.putObject("metadata").put("name", copy);
        role.set("rules", rules);
        admin.createIfAbsent(RBAC + "/clusterroles", role);
        return copy;
    }
}
