package io.k8j.apiserver.registry;

/**
 * Options shared by create, update and patch.
 *
 * @param fieldManager the manager that managedFields records for this write
 * @param force for server-side apply: take ownership of conflicting fields
 * @param apply the write is a server-side apply, which records its own managedFields entry
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force, boolean apply) {
    public static WriteOptions of(String fieldManager) {
        return new WriteOptions(false, fieldManager, false, false);
    }

    public WriteOptions asApply() {
        return new WriteOptions(dryRun, fieldManager, force, true);
    }
}
