package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

/**
 * The private {@code kubernetes.io} claim of a bound service account token (kube's privateClaims): the
 * account, and the pod, secret or node the token is bound to. A pod-bound token also names the pod's node.
 *
 * @param warnAfter epoch seconds after which the kubelet's extended token is stale (0: none)
 */
public record BoundClaims(String namespace, Ref serviceAccount, Ref pod, Ref secret, Ref node, long warnAfter) {
    public static final String CLAIM = "kubernetes.io";

    /** An object by name and uid. */
    public record Ref(String name, String uid) {
        ObjectNode json() {
            return Json.object().put("name", name).put("uid", uid);
        }

        static Ref from(JsonNode node) {
            if (node == null || !node.isObject()) {
                return null;
            }
            return new Ref(node.path("name").asText(""), node.path("uid").asText(""));
        }
    }

    /** Keys in alphabetical order, as go-jose writes the claims it normalises through a map. */
    ObjectNode json() {
        ObjectNode k = Json.object().put("namespace", namespace);
        if (node != null) {
            k.set("node", node.json());
        }
        if (pod != null) {
            k.set("pod", pod.json());
        }
        if (secret != null) {
            k.set("secret", secret.json());
        }
        k.set("serviceaccount", serviceAccount.json());
        if (warnAfter != 0) {
            k.put("warnafter", warnAfter);
        }
        return k;
    }

    /** Null when the claim is missing or names no service account. */
    static BoundClaims from(JsonNode claim) {
        if (claim == null || !claim.isObject() || Ref.from(claim.get("serviceaccount")) == null) {
            return null;
        }
        return new BoundClaims(claim.path("namespace").asText(""), Ref.from(claim.get("serviceaccount")),
                Ref.from(claim.get("pod")), Ref.from(claim.get("secret")), Ref.from(claim.get("node")),
                claim.path("warnafter").asLong(0));
    }
}
