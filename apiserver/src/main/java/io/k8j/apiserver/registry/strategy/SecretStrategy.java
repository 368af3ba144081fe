package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** v1 Secrets: type Opaque by default, stringData folded into data, the key each built-in type needs. */
final class SecretStrategy implements ResourceStrategy {
    /** Data keys each built-in type requires (any one of them for basic-auth, all of them otherwise). */
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/basic-auth", List.of("username", "password"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"));

    @Override
    public void prepareForCreate(ObjectNode secret, StrategyContext ctx) {
        applyDefaults(secret);
    }

    @Override
    public void prepareForUpdate(ObjectNode secret, ObjectNode old, StrategyContext ctx) {
        applyDefaults(secret);
    }

    /** Kube's v1 conversion: stringData entries overwrite data entries and never get stored. */
    private static void applyDefaults(ObjectNode secret) {
        DataMaps.requireBase64(secret.get("data"), "Secret");
        Tree.defaultText(secret, "type", "Opaque");
        ObjectNode stringData = Tree.objOrNull(secret, "stringData");
        if (stringData != null) {
            ObjectNode data = Tree.obj(secret, "data");
            stringData.properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        secret.remove("stringData");
    }

    @Override
    public List<FieldError> validate(ObjectNode secret) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode data = Tree.objOrNull(secret, "data");
        DataMaps.validateKeys(errs, data, "data");
        String type = Tree.text(secret, "type");
        if (type.equals("kubernetes.io/service-account-token")
                && Tree.text(secret.path("metadata").path("annotations"), "kubernetes.io/service-account.name").isEmpty()) {
            errs.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
        }
        List<String> keys = REQUIRED_KEYS.getOrDefault(type, List.of());
        List<String> missing = keys.stream().filter(k -> !Tree.isSet(data, k)).toList();
        boolean basicAuthSatisfied = type.equals("kubernetes.io/basic-auth") && missing.size() < keys.size();
        if (!basicAuthSatisfied) {
            missing.forEach(k -> errs.add(FieldError.required("data[" + k + "]", "")));
        }
        String jsonKey = type.startsWith("kubernetes.io/docker") ? REQUIRED_KEYS.get(type).get(0) : null;
        if (jsonKey != null && Tree.isSet(data, jsonKey) && !isJson(data.get(jsonKey).asText())) {
            errs.add(FieldError.invalid("data[" + jsonKey + "]", "<secret contents redacted>", "must be valid JSON"));
        }
        if (data != null && DataMaps.decodedSize(data) > DataMaps.MAX_SIZE) {
            errs.add(new FieldError(FieldError.Type.TOO_LONG, "data", null, "must have at most " + DataMaps.MAX_SIZE + " bytes"));
        }
        return errs;
    }

    private static boolean isJson(String base64) {
        try {
            return Json.MAPPER.readTree(Base64.getMimeDecoder().decode(base64)) != null;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode secret, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(secret));
        Checks.immutable(errs, secret, old, "type", "type");
        DataMaps.immutable(errs, secret, old, List.of("data"));
        return errs;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode secret) {
        return Map.of("type", Tree.text(secret, "type"));
    }
}
