package io.k8j.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Empties namespaces that are being deleted, then clears their {@code kubernetes} finalizer through
 * {@code namespaces/{name}/finalize} so the API server removes them. Event handlers only enqueue names;
 * one worker runs a level-triggered sync per name and requeues while content remains.
 */
public final class NamespaceController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);
    private static final Duration REQUEUE = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final NamespaceContent content;
    private final DelayQueue<Key> queue = new DelayQueue<>();
    private SharedIndexInformer<Namespace> informer;
    private Thread worker;

    public NamespaceController(KubernetesClient client) {
        this.client = client;
        this.content = new NamespaceContent(client);
    }

    public void start() {
        informer = client.namespaces().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                enqueue(ns, Duration.ZERO);
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace ns) {
                enqueue(ns, Duration.ZERO);
            }

            @Override
            public void onDelete(Namespace ns, boolean finalStateUnknown) {
            }
        });
        worker = Thread.ofVirtual().name("namespace-controller").start(this::work);
    }

    private void enqueue(Namespace ns, Duration delay) {
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            queue.add(new Key(ns.getMetadata().getName(), System.nanoTime() + delay.toNanos()));
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String name = queue.take().name();
                queue.removeIf(k -> k.name().equals(name));
                try {
                    if (!sync(name)) {
                        queue.add(new Key(name, System.nanoTime() + REQUEUE.toNanos()));
                    }
                } catch (KubernetesClientException e) {
                    LOG.warn("namespace {}: {}", name, e.getMessage());
                    queue.add(new Key(name, System.nanoTime() + REQUEUE.toNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns true when there is nothing more to do for {@code name}. */
    boolean sync(String name) {
        Namespace ns = informer.getStore().getByKey(name);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() == null
                || !ns.getSpec().getFinalizers().contains("kubernetes")) {
            return true;
        }
        if (!content.deleteAll(name)) {
            return false;
        }
        List<String> rest = ns.getSpec().getFinalizers().stream().filter(f -> !f.equals("kubernetes")).toList();
        ns.getSpec().setFinalizers(rest);
        client.raw("/api/v1/namespaces/" + name + "/finalize", "PUT", ns);
        LOG.info("namespace {} emptied and finalized", name);
        return true;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.interrupt();
        }
        if (informer != null) {
            informer.close();
        }
    }

    private record Key(String name, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Key) other).dueNanos);
        }
    }
}
