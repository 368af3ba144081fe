package io.k8j.api.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of an apply.
 *
 * @param object  the merged object with its managedFields
 * @param changed false when the apply left every field as it was (kube then skips the write)
 */
public record ApplyResult(ObjectNode object, boolean changed) {
}
