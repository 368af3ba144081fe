package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Work queue keys as client-go's cache makes them: "namespace/name", or "name" when cluster-scoped. */
public final class Keys {
    private Keys() {
    }

    public static String of(HasMetadata obj) {
        return of(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
