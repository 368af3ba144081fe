package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceType;

/**
 * One write as admission sees it.
 *
 * @param old the stored object an update replaces; null on create
 * @param subresource the subresource written ("status", "ephemeralcontainers"), null for the object itself
 */
public record AdmissionRequest(ResourceType type, ObjectNode obj, ObjectNode old, String subresource,
                               WriteOptions options) {
    public boolean isCreate() {
        return old == null;
    }

    public boolean dryRun() {
        return options.dryRun();
    }

    /** A warning for the client ({@code Warning: 299} header). */
    public void warn(String text) {
        options.warnings().accept(text);
    }
}
