package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Records in metadata.managedFields which manager set which fields on an ordinary write. */
public interface FieldManager {

    /**
     * Returns {@code obj} with managedFields updated for a write by {@code options.fieldManager()};
     * {@code old} is null on create.
     */
    ObjectNode update(ObjectNode old, ObjectNode obj, WriteOptions options, String apiVersion, String subresource,
                      Instant now);
}
