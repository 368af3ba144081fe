package io.k8j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.apply.ManagedFields;
import io.k8j.apiserver.registry.FieldManager;
import io.k8j.apiserver.registry.WriteOptions;

import java.time.Instant;

/** Records ordinary writes in managedFields (operation Update); apply writes record themselves. */
final class ManagedFieldsRecorder implements FieldManager {
    @Override
    public ObjectNode update(ObjectNode old, ObjectNode obj, WriteOptions options, String apiVersion,
                             String subresource, Instant now) {
        if (options.apply()) {
            return obj;
        }
        return ManagedFields.recordUpdate(old, obj, options.fieldManager(), apiVersion, "Update", now, subresource);
    }
}
