package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.function.Consumer;

/**
 * Options shared by create, update and patch.
 *
 * @param fieldManager the manager that managedFields records for this write
 * @param force for server-side apply: take ownership of conflicting fields
 * @param apply the write is a server-side apply, which records its own managedFields entry
 * @param warnings where warnings for the client go (the request's Warning headers)
 * @param user who writes, as an AdmissionReview's userInfo (username, uid, groups, extra)
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force, boolean apply,
                           Consumer<String> warnings, ObjectNode user) {
    private static final Consumer<String> IGNORED = warning -> { };

    /** A write whose author admission does not need to know (the API server's own writes and tests). */
    public WriteOptions(boolean dryRun, String fieldManager, boolean force, boolean apply, Consumer<String> warnings) {
        this(dryRun, fieldManager, force, apply, warnings, Json.object());
    }

    /** A write made by the API server itself, whose warnings no client reads. */
    public static WriteOptions of(String fieldManager) {
        return new WriteOptions(false, fieldManager, false, false, IGNORED);
    }

    public WriteOptions asApply() {
        return new WriteOptions(dryRun, fieldManager, force, true, warnings, user);
    }
}
