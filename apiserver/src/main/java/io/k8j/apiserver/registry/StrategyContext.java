package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a strategy may consult beyond the object itself. */
public interface StrategyContext {

    /** Current objects of a resource (e.g. "services"), across namespaces, as stored. */
    List<ObjectNode> list(String group, String plural);

    /**
     * One object as the watch cache has it, else as storage has it (kube's admission plugins read their informers
     * first, then the API), or null when there is none.
     */
    ObjectNode get(String group, String plural, String namespace, String name);

    /** True for a dry run: a strategy must not keep anything it allocated. */
    boolean dryRun();

    /**
     * Registers how to give back something allocated for this write, should the write not be stored (it is
     * invalid, its name exists, a racing write makes it retry, the store refuses it).
     */
    void onAbort(Runnable undo);
}
