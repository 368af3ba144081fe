package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.storage.StorageUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The context of one write attempt: what strategies may read, and the undo actions of what they allocated
 * (cluster IPs, node ports), run when the attempt does not reach storage.
 */
final class WriteContext implements StrategyContext {
    private final BiFunction<String, String, List<ObjectNode>> lister;
    private final boolean dryRun;
    private final List<Runnable> undos = new ArrayList<>();

    WriteContext(BiFunction<String, String, List<ObjectNode>> lister, boolean dryRun) {
        this.lister = lister;
        this.dryRun = dryRun;
    }

    @Override
    public List<ObjectNode> list(String group, String plural) {
        return lister.apply(group, plural);
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public void onAbort(Runnable undo) {
        undos.add(undo);
    }

    /**
     * The attempt failed with {@code failure}: gives back what it allocated, unless the store's outcome is unknown
     * (the object may have been written with those values, so they stay taken).
     */
    void abort(RuntimeException failure) {
        if (failure instanceof StorageUnavailableException) {
            return;
        }
        undos.forEach(Runnable::run);
        undos.clear();
    }
}
