package io.k8j.scheduler.framework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plugin names mapped to factories. A profile picks plugins by name (in filter order) and gives score
 * weights; the factory gets the handle to the rest of the scheduler (the binder needs the API client).
 */
public final class Registry<H> {
    private final Map<String, Function<H, Plugin>> factories = new LinkedHashMap<>();

    public Registry<H> register(String name, Function<H, Plugin> factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("plugin " + name + " registered twice");
        }
        return this;
    }

    /** Builds a framework from the named plugins; a name without a weight scores with weight 1. */
    public Framework build(H handle, List<String> enabled, Map<String, Integer> scoreWeights) {
        Map<Plugin, Integer> plugins = new LinkedHashMap<>();
        for (String name : enabled) {
            Function<H, Plugin> factory = factories.get(name);
            if (factory == null) {
                throw new IllegalArgumentException("unknown plugin " + name);
            }
            plugins.put(factory.apply(handle), scoreWeights.getOrDefault(name, 1));
        }
        return new Framework(plugins);
    }
}
