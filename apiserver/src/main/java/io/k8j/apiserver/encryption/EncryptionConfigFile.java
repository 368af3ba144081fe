package io.k8j.apiserver.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.SecureFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and writes an EncryptionConfiguration file (YAML or JSON), refusing what k8j cannot honour. */
public final class EncryptionConfigFile {
    private static final Set<String> PROVIDERS = Set.of("aescbc", "aesgcm", "secretbox", "identity");

    private EncryptionConfigFile() {
    }

    /** Throws {@link InvalidEncryptionConfigException} naming the file and what is wrong with it. */
    public static EncryptionConfig read(Path file) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidEncryptionConfigException(file + ": " + e.getMessage());
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new InvalidEncryptionConfigException(file + ": " + e.getMessage());
        }
    }

    /** Writes {@code config} readable by its owner only, replacing the file atomically. */
    public static void write(Path file, EncryptionConfig config) {
        ObjectNode root = Json.object().put("apiVersion", EncryptionConfig.API_VERSION).put("kind", EncryptionConfig.KIND);
        ArrayNode rules = root.putArray("resources");
        for (EncryptionConfig.Rule rule : config.rules()) {
            ObjectNode r = rules.addObject();
            rule.resources().forEach(r.putArray("resources")::add);
            ArrayNode providers = r.putArray("providers");
            for (EncryptionConfig.Provider p : rule.providers()) {
                ObjectNode body = providers.addObject().putObject(p.type());
                if (!p.type().equals("identity")) {
                    ArrayNode keys = body.putArray("keys");
                    p.keys().forEach(k -> keys.addObject().put("name", k.name()).put("secret", k.secret()));
                }
            }
        }
        try {
            SecureFiles.writeAtomically(file, Json.YAML.writeValueAsString(root), true);
        } catch (IOException e) {
            throw new InvalidEncryptionConfigException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static EncryptionConfig parse(JsonNode root) {
        if (!EncryptionConfig.KIND.equals(root.path("kind").asText())
                || !EncryptionConfig.API_VERSION.equals(root.path("apiVersion").asText())) {
            throw new IllegalArgumentException("expected kind " + EncryptionConfig.KIND + " of apiVersion " + EncryptionConfig.API_VERSION);
        }
        List<EncryptionConfig.Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("resources")) {
            List<String> resources = new ArrayList<>();
            r.path("resources").forEach(n -> resources.add(n.asText()));
            List<EncryptionConfig.Provider> providers = new ArrayList<>();
            for (JsonNode p : r.path("providers")) {
                if (p.size() != 1) {
                    throw new IllegalArgumentException("each provider must name exactly one type");
                }
                String type = p.fieldNames().next();
                if (!PROVIDERS.contains(type)) {
                    throw new IllegalArgumentException("provider " + type + " is not supported (k8j has aescbc, aesgcm, secretbox, identity)");
                }
                List<EncryptionConfig.Key> keys = new ArrayList<>();
                for (JsonNode k : p.path(type).path("keys")) {
                    keys.add(new EncryptionConfig.Key(k.path("name").asText(), k.path("secret").asText()));
                }
                providers.add(new EncryptionConfig.Provider(type, keys));
            }
            if (resources.isEmpty() || providers.isEmpty()) {
                throw new IllegalArgumentException("every entry of resources needs resources and providers");
            }
            rules.add(new EncryptionConfig.Rule(resources, providers));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no resources to encrypt");
        }
        return new EncryptionConfig(rules);
    }
}
