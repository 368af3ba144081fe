package io.k8j.cri.containerd;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ApiErrors;
import io.k8j.client.OnChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@link PodRoutes} on a node: a sync after every change of any Node (changes that arrive during a sync
 * make one more), and every {@link #RESYNC} to put back a route someone removed. Closing removes the routes.
 */
public final class PodRoutesWatch implements AutoCloseable {
    static final Duration RESYNC = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PodRoutesWatch.class);

    private final PodRoutes routes;
    private final SharedIndexInformer<Node> nodes;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pod-routes").factory());
    private final AtomicBoolean pending = new AtomicBoolean();

    private PodRoutesWatch(KubernetesClient client, PodRoutes routes) {
        this.routes = routes;
        this.nodes = client.nodes().inform(new OnChange<>(node -> requestSync()), 0);
        worker.scheduleWithFixedDelay(this::requestSync, RESYNC.toMillis(), RESYNC.toMillis(), TimeUnit.MILLISECONDS);
        requestSync();
    }

    public static PodRoutesWatch start(KubernetesClient client, PodRoutes routes) {
        return new PodRoutesWatch(client, routes);
    }

    private void requestSync() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                if (!nodes.hasSynced()) {
                    // an empty cache would remove every route; its list ends in events that come back here
                    worker.schedule(this::requestSync, 1, TimeUnit.SECONDS);
                    return;
                }
                try {
                    routes.sync(nodes.getStore().list());
                } catch (RuntimeException e) {
                    LOG.warn("pod routes: sync failed (retried within {} s): {}", RESYNC.toSeconds(), ApiErrors.summary(e));
                }
            });
        }
    }

    @Override
    public void close() {
        nodes.close();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        routes.removeAll();
    }
}
