package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.storage.KeyValue;
import io.k8j.storage.transform.Unreadable;

/**
 * Conversion between stored bytes and API objects. The resourceVersion is never stored: it is the
 * storage revision of the value, set on every read.
 */
public final class StoredObjects {
    private StoredObjects() {
    }

    public static ObjectNode decode(KeyValue kv) {
        return decode(kv.value(), kv.modRevision());
    }

    /** Throws kube's 500 "unable to transform key" for a value that could not be decrypted. */
    public static ObjectNode decode(byte[] value, long revision) {
        String unreadable = Unreadable.reason(value);
        if (unreadable != null) {
            throw ApiException.internal(unreadable);
        }
        ObjectNode obj = Json.parseObject(value);
        Meta.of(obj).put("resourceVersion", Long.toString(revision));
        return obj;
    }

    /**
     * As {@link #decode(byte[], long)}, in the version {@code type} serves: a custom resource's versions share one
     * stored form and convert with strategy None, which changes only the apiVersion.
     */
    static ObjectNode decode(byte[] value, long revision, ResourceType type) {
        ObjectNode obj = decode(value, revision);
        if (type.custom() != null) {
            obj.put("apiVersion", type.apiVersion());
        }
        return obj;
    }

    static ObjectNode decode(KeyValue kv, ResourceType type) {
        return decode(kv.value(), kv.modRevision(), type);
    }

    public static byte[] encode(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        Meta.of(copy).remove("resourceVersion");
        return Json.bytes(copy);
    }
}
