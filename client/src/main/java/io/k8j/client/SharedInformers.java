package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One informer per resource type for all the loops of a component, as client-go's informer factory:
 * the controller manager watches pods once, not once per controller. Loops take an informer, add their
 * handlers, then {@link #start} the types they read; a handler added to an informer that already runs
 * first receives every cached object as an add.
 */
public final class SharedInformers implements AutoCloseable {
    private final KubernetesClient client;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private final Map<Class<?>, CompletableFuture<?>> started = new LinkedHashMap<>();
    private boolean closed;

    public SharedInformers(KubernetesClient client) {
        this.client = client;
    }

    /** The one informer of {@code type}, across all namespaces; created on first use, not started. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> SharedIndexInformer<T> of(Class<T> type) {
        if (closed) {
            throw new IllegalStateException("informers closed");
        }
        return (SharedIndexInformer<T>) informers.computeIfAbsent(type, t -> Namespaced.class.isAssignableFrom(type)
                ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0));
    }

    /** Starts the informers of {@code types} not yet running and returns once each has listed. */
    @SafeVarargs
    public final void start(Class<? extends HasMetadata>... types) {
        List<CompletableFuture<?>> synced = new ArrayList<>();
        synchronized (this) {
            for (Class<? extends HasMetadata> type : types) {
                SharedIndexInformer<?> informer = of(type);
                synced.add(started.computeIfAbsent(type, t -> informer.start().toCompletableFuture()));
            }
        }
        // Outside the lock: another loop may be starting other types meanwhile.
        synced.forEach(CompletableFuture::join);
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        started.clear();
    }
}
