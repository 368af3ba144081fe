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
    /** Reads one object for a strategy, as {@link StrategyContext#get}. */
    interface Getter {
        ObjectNode get(String group, String plural, String namespace, String name);
    }

    private final BiFunction<String, String, List<ObjectNode>> lister;
    private final Getter getter;
    private final boolean dryRun;
    private final List<Runnable> undos = new ArrayList<>();

    WriteContext(BiFunction<String, String, List<ObjectNode>> lister, Getter getter, boolean dryRun) {
        this.lister = lister;
        this.getter = getter;
        this.dryRun = dryRun;
    }

    @Override
    public List<ObjectNode> list(String group, String plural) {
        return lister.apply(group, plural);
    }

    @Override
    public ObjectNode get(String group, String plural, String namespace, String name) {
        return getter.get(group, plural, namespace, name);
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
