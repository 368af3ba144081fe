package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A work queue key naming an object of any resource: "apiVersion|kind|namespace|name". */
record ObjectKey(String resource, String namespace, String name) {

    static ObjectKey of(String resource, HasMetadata obj) {
        String ns = obj.getMetadata().getNamespace();
        return new ObjectKey(resource, ns == null ? "" : ns, obj.getMetadata().getName());
    }

    static ObjectKey parse(String key) {
        String[] p = key.split("\\|", -1);
        return new ObjectKey(p[0] + "|" + p[1], p[2], p[3]);
    }

    /** The informer store key. */
    String storeKey() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public String toString() {
        return resource + "|" + namespace + "|" + name;
    }
}
