package io.k8j.controllers.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.nio.charset.StandardCharsets;

/**
 * The pod-template-hash label value, computed like kube's ComputeHash: FNV-32a over the template
 * (here its canonical JSON: sorted keys, so equal templates hash equally across restarts), then the
 * collision count, and the decimal result encoded with kube's vowel-free alphabet so it never spells words.
 */
public final class TemplateHash {
    public static final String LABEL = "pod-template-hash";
    private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private TemplateHash() {
    }

    public static String of(PodTemplateSpec template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        for (byte b : canonical(template).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        if (collisionCount != null) {
            for (int i = 0; i < 4; i++) {
                hash = (hash ^ ((collisionCount >>> (8 * i)) & 0xff)) * 0x01000193;
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toUnsignedString(hash).toCharArray()) {
            out.append(SAFE.charAt(c % SAFE.length()));
        }
        return out.toString();
    }

    /** Whether two templates are the same once the pod-template-hash label is ignored (kube's EqualIgnoreHash). */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private static JsonNode withoutHash(PodTemplateSpec template) {
        JsonNode tree = CANONICAL.valueToTree(template);
        JsonNode labels = tree.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) {
            l.remove(LABEL);
            if (l.isEmpty()) {
                ((ObjectNode) tree.get("metadata")).remove("labels");
            }
        }
        return tree;
    }

    private static String canonical(PodTemplateSpec template) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(withoutHash(template), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("template not serializable", e);
        }
    }
}
