package io.k8j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WriteOptions;

import java.util.List;

/** The objects every cluster starts with: the system namespaces. */
final class Bootstrap {
    static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final WriteOptions SYSTEM = WriteOptions.of("k8j-apiserver");

    private Bootstrap() {
    }

    static void ensure(Registry registry) {
        for (String name : SYSTEM_NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            createIfMissing(() -> registry.namespaces().create(null, ns, SYSTEM));
        }
    }

    private static void createIfMissing(Runnable create) {
        try {
            create.run();
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
