package io.k8j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WriteOptions;

import java.util.List;

/**
 * The objects every cluster starts with: the system namespaces, the {@code kubernetes} service, and
 * (through {@link StorageBootstrap}) the system PriorityClasses and the local-path StorageClass.
 */
final class Bootstrap {
    static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    static final String KUBERNETES_SERVICE_IP = "10.43.0.1";
    private static final WriteOptions SYSTEM = WriteOptions.of("k8j-apiserver");

    private Bootstrap() {
    }

    /** Creates what is missing; a restart on existing state (or a second server on one etcd) keeps what is there. */
    static void ensure(Registry registry) {
        for (String name : SYSTEM_NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            createIfMissing(registry.namespaces(), null, ns);
        }
        createIfMissing(registry.find("", "v1", "services").orElseThrow(), "default", kubernetesService());
        StorageBootstrap.ensure(registry);
    }

    /** The API server's own service, on the first address of the service range, as kube-apiserver keeps it. */
    private static ObjectNode kubernetesService() {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", KUBERNETES_SERVICE_IP);
        spec.putArray("ports").addObject().put("name", "https").put("protocol", "TCP").put("port", 443)
                .put("targetPort", 6443);
        return svc;
    }

    /** Looks first: creating an existing service would fail on its cluster IP before its name. */
    static void createIfMissing(GenericStore store, String namespace, ObjectNode obj) {
        try {
            store.get(namespace, Meta.name(obj));
            return;
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        try {
            store.create(namespace, obj, SYSTEM);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
