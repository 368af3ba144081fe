package io.k8j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.Registry;

/**
 * The scheduling and storage classes a cluster starts with: kube-apiserver's two system PriorityClasses,
 * and k3s's {@code local-path} StorageClass, the default class, provisioned on the node a pod lands on.
 */
final class StorageBootstrap {
    static final String LOCAL_PATH = "local-path";
    static final String LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

    private StorageBootstrap() {
    }

    static void ensure(Registry registry) {
        var priorityClasses = registry.find("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
        Bootstrap.createIfMissing(priorityClasses, null, priorityClass("system-node-critical", 2000001000,
                "Used for system critical pods that must not be moved from their current node."));
        Bootstrap.createIfMissing(priorityClasses, null, priorityClass("system-cluster-critical", 2000000000,
                "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));
        Bootstrap.createIfMissing(registry.find("storage.k8s.io", "v1", "storageclasses").orElseThrow(), null, localPath());
    }

    private static ObjectNode priorityClass(String name, int value, String description) {
        ObjectNode pc = Json.object().put("apiVersion", "scheduling.k8s.io/v1").put("kind", "PriorityClass");
        pc.putObject("metadata").put("name", name);
        return pc.put("value", value).put("description", description);
    }

    private static ObjectNode localPath() {
        ObjectNode sc = Json.object().put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass");
        sc.putObject("metadata").put("name", LOCAL_PATH)
                .putObject("annotations").put("storageclass.kubernetes.io/is-default-class", "true");
        return sc.put("provisioner", LOCAL_PATH_PROVISIONER).put("reclaimPolicy", "Delete")
                .put("volumeBindingMode", "WaitForFirstConsumer");
    }
}
