package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;
import io.vertx.core.Context;

import java.time.Instant;

/**
 * Reads what token validation needs straight from the registry's watch cache, never over HTTP (kube reads
 * its informers). An object the cache has not seen yet is read from storage, except on an event loop
 * thread (a watch upgrade authenticates there), which must not block.
 */
public final class RegistryObjects implements BoundObjects {
    private final Registry registry;

    public RegistryObjects(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Found find(String kind, String namespace, String name) {
        String plural = switch (kind) {
            case "ServiceAccount" -> "serviceaccounts";
            case "Pod" -> "pods";
            case "Secret" -> "secrets";
            case "Node" -> "nodes";
            default -> throw new IllegalArgumentException("cannot bind a token to a " + kind);
        };
        ObjectNode obj = read(plural, kind.equals("Node") ? null : namespace, name);
        if (obj == null) {
            return null;
        }
        String deletion = obj.path("metadata").path("deletionTimestamp").asText("");
        return new Found(Meta.uid(obj), deletion.isEmpty() ? null : Instant.parse(deletion));
    }

    /** A kube-system Secret, or null. */
    public ObjectNode kubeSystemSecret(String name) {
        return read("secrets", "kube-system", name);
    }

    private ObjectNode read(String plural, String namespace, String name) {
        GenericStore store = registry.find("", "v1", plural).orElseThrow();
        ObjectNode obj = store.reader().getRecent(namespace, name);
        if (obj != null || Context.isOnEventLoopThread()) {
            return obj;
        }
        try {
            return store.get(namespace, name);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}
