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
 * The objects every cluster starts with: the system namespaces (with their {@code default} service accounts, see
 * {@link io.k8j.apiserver.registry.DefaultServiceAccount}), the {@code kubernetes} service, its
 * Endpoints and EndpointSlice pointing at this API server (kube-apiserver's endpoint reconciler), and
 * (through {@link StorageBootstrap}) the system PriorityClasses and the local-path StorageClass.
 */
final class Bootstrap {
    static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final WriteOptions SYSTEM = WriteOptions.of("k8j-apiserver");

    private Bootstrap() {
    }

    /** Creates what is missing; a restart on existing state (or a second server on one etcd) keeps what is there. */
    static void ensure(Registry registry, String kubernetesServiceIp) {
        for (String name : SYSTEM_NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            createIfMissing(registry.namespaces(), null, ns);
        }
        createIfMissing(registry.find("", "v1", "services").orElseThrow(), "default", kubernetesService(kubernetesServiceIp));
        StorageBootstrap.ensure(registry);
    }

    /** The API server's own service, on the first address of the service range, as kube-apiserver keeps it. */
    private static ObjectNode kubernetesService(String ip) {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", ip);
        spec.putArray("ports").addObject().put("name", "https").put("protocol", "TCP").put("port", 443)
                .put("targetPort", 6443);
        return svc;
    }

    /**
     * Points the {@code kubernetes} service at this server's address and port, created or replaced at every
     * start (the port may have changed). The service has no selector, so no controller touches these.
     */
    static void ensureKubernetesEndpoints(Registry registry, String ip, int port) {
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ep.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", ip);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        createOrReplace(registry.find("", "v1", "endpoints").orElseThrow(), ep);

        ObjectNode slice = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice")
                .put("addressType", "IPv4");
        slice.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("kubernetes.io/service-name", "kubernetes");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(ip);
        endpoint.putObject("conditions").put("ready", true);
        slice.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        createOrReplace(registry.find("discovery.k8s.io", "v1", "endpointslices").orElseThrow(), slice);
    }

    private static void createOrReplace(GenericStore store, ObjectNode obj) {
        try {
            store.update("default", Meta.name(obj), obj, SYSTEM, null);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            createIfMissing(store, "default", obj);
        }
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
