package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.NameGenerator;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * kube's ServiceAccount admission plugin on pod create: the pod runs as {@code default} unless it names an
 * account, which must exist (403, kube's message; a missing {@code default} account is looked up ten times,
 * 100 to 200 ms apart, as kube does, since its controller may be making it again). Unless the pod or the
 * account says {@code automountServiceAccountToken: false}, a {@code kube-api-access-XXXXX} projected volume
 * (a bound token the kubelet requests and refreshes, the {@code kube-root-ca.crt} CA, the namespace) is mounted
 * read-only at {@value #MOUNT_PATH} in every container and init container that has nothing mounted there.
 * Mirror pods are left alone and may not name an account.
 */
final class ServiceAccountAdmission {
    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    static final String VOLUME_PREFIX = "kube-api-access-";
    static final String DEFAULT = "default";
    private static final String MIRROR = "kubernetes.io/config.mirror";
    private static final int DEFAULT_ATTEMPTS = 10;

    private ServiceAccountAdmission() {
    }

    static void admit(ObjectNode pod, StrategyContext ctx) {
        ObjectNode meta = Tree.obj(pod, "metadata");
        ObjectNode spec = Tree.obj(pod, "spec");
        if (Tree.objOrNull(meta, "annotations") != null && meta.get("annotations").has(MIRROR)) {
            if (!Tree.text(spec, "serviceAccountName").isEmpty()) {
                throw forbidden(meta, "a mirror pod may not reference service accounts");
            }
            return;
        }
        Tree.defaultText(spec, "serviceAccountName", DEFAULT);
        spec.put("serviceAccount", Tree.text(spec, "serviceAccountName"));
        String ns = Tree.text(meta, "namespace");
        String name = Tree.text(spec, "serviceAccountName");
        ObjectNode account = lookup(ctx, ns, name);
        if (account == null) {
            throw forbidden(meta, "error looking up service account " + ns + "/" + name + ": serviceaccount \""
                    + name + "\" not found");
        }
        if (automount(spec, account)) {
            mount(spec);
        }
    }

    private static ObjectNode lookup(StrategyContext ctx, String ns, String name) {
        int attempts = name.equals(DEFAULT) ? DEFAULT_ATTEMPTS : 1;
        long pause = 100 + ThreadLocalRandom.current().nextLong(100);
        for (int i = 0; i < attempts; i++) {
            if (i > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            ObjectNode account = ctx.get("", "serviceaccounts", ns, name);
            if (account != null) {
                return account;
            }
        }
        return null;
    }

    /** The pod's choice wins, then the account's; the default is to mount. */
    private static boolean automount(ObjectNode spec, ObjectNode account) {
        JsonNode pod = spec.get("automountServiceAccountToken");
        if (pod != null && pod.isBoolean()) {
            return pod.asBoolean();
        }
        JsonNode sa = account.get("automountServiceAccountToken");
        return sa == null || !sa.isBoolean() || sa.asBoolean();
    }

    private static void mount(ObjectNode spec) {
        String volume = Tree.objects(spec, "volumes").stream().map(v -> Tree.text(v, "name"))
                .filter(n -> n.startsWith(VOLUME_PREFIX)).findFirst().orElse(null);
        boolean hasVolume = volume != null;
        if (!hasVolume) {
            volume = NameGenerator.generate(VOLUME_PREFIX);
        }
        boolean needed = false;
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode c : Tree.objects(spec, list)) {
                List<ObjectNode> mounts = Tree.objects(c, "volumeMounts");
                if (mounts.stream().noneMatch(m -> Tree.text(m, "mountPath").equals(MOUNT_PATH))) {
                    ArrayNode arr = c.get("volumeMounts") instanceof ArrayNode a ? a : c.putArray("volumeMounts");
                    arr.addObject().put("name", volume).put("readOnly", true).put("mountPath", MOUNT_PATH);
                    needed = true;
                }
            }
        }
        if (!hasVolume && needed) {
            ArrayNode volumes = spec.get("volumes") instanceof ArrayNode a ? a : spec.putArray("volumes");
            volumes.add(tokenVolume(volume));
        }
    }

    /** kube's TokenVolumeSource: token (3607 s), ca.crt from kube-root-ca.crt, and the namespace; mode 0644. */
    static ObjectNode tokenVolume(String name) {
        ObjectNode v = Json.object().put("name", name);
        ObjectNode projected = v.putObject("projected");
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        ObjectNode cm = sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt");
        cm.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
                .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        projected.put("defaultMode", 420);
        return v;
    }

    private static ApiException forbidden(ObjectNode meta, String why) {
        String name = Tree.text(meta, "name");
        return new ApiException(403, "Forbidden", "pods \"" + name + "\" is forbidden: " + why,
                Json.object().put("name", name).put("kind", "pods"));
    }
}
