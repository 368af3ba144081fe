package io.k8j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.k8j.kubelet.runtime.PullAuth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The registry credentials a pod's imagePullSecrets give for one image, as the kubelet's credential keyring
 * reads them: kubernetes.io/dockerconfigjson ({"auths": {REGISTRY: {...}}}) and kubernetes.io/dockercfg
 * ({REGISTRY: {...}}) secrets, an entry matching when its registry host (scheme and path left aside; Docker
 * Hub's index.docker.io for docker.io) is the image's and its path, if any, prefixes the image's repository.
 */
final class PullSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PullSecrets() {
    }

    /** Matching credentials in the secrets' order; a missing or malformed secret is skipped, as the kubelet does. */
    static List<PullAuth> credentials(Pod pod, String image, ConfigSource configs) {
        List<PullAuth> out = new ArrayList<>();
        String target = registryPath(image);
        for (LocalObjectReference ref : pod.getSpec().getImagePullSecrets()) {
            Secret secret = ref.getName() == null ? null : configs.secret(pod.getMetadata().getNamespace(), ref.getName());
            JsonNode entries = secret == null ? null : entries(secret);
            if (entries == null) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = normalize(e.getKey());
                if (target.equals(key) || target.startsWith(key + "/") || (key.indexOf('/') < 0 && host(target).equals(key))) {
                    out.add(auth(e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    private static JsonNode entries(Secret secret) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        try {
            if (data.containsKey(".dockerconfigjson")) {
                return JSON.readTree(Base64.getDecoder().decode(data.get(".dockerconfigjson"))).get("auths");
            }
            if (data.containsKey(".dockercfg")) {
                return JSON.readTree(Base64.getDecoder().decode(data.get(".dockercfg")));
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static PullAuth auth(String server, JsonNode entry) {
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (user.isEmpty() && !auth.isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
        }
        return new PullAuth(user, password, auth, server);
    }

    /** "https://index.docker.io/v1/" -> "index.docker.io"; "registry:5000/team" stays. */
    static String normalize(String key) {
        String k = key.replaceFirst("^[a-z]+://", "");
        if (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return k.equals("index.docker.io/v1") || k.equals("docker.io") ? "index.docker.io" : k;
    }

    /** The image's registry host and repository: "busybox" -> "index.docker.io/library/busybox". */
    static String registryPath(String image) {
        String name = image.split("@")[0];
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        String host = hasHost ? first : "index.docker.io";
        String repo = hasHost ? name.substring(slash + 1) : (slash < 0 ? "library/" + name : name);
        int tag = repo.lastIndexOf(':');
        repo = tag > 0 ? repo.substring(0, tag) : repo;
        return normalize(host) + "/" + repo;
    }

    private static String host(String registryPath) {
        return registryPath.substring(0, registryPath.indexOf('/'));
    }
}
