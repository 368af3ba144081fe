package io.k8j.apiserver.registry;

/**
 * Options shared by create, update and patch.
 *
 * @param fieldManager the manager that managedFields records for this write
 * @param force for server-side apply: take ownership of conflicting fields
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force) {
    public static WriteOptions of(String fieldManager) {
        return new WriteOptions(false, fieldManager, false);
    }
}
