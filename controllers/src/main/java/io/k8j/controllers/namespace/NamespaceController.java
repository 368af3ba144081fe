package io.k8j.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Empties namespaces that are being deleted, then clears their {@code kubernetes} finalizer through
 * {@code namespaces/{name}/finalize} so the API server removes them.
 */
public final class NamespaceController implements Controller {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);
    private static final Duration RECHECK = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final NamespaceContent content;
    private final WorkQueue queue = new WorkQueue();
    private final ControllerLoop loop;
    private SharedIndexInformer<Namespace> informer;

    public NamespaceController(KubernetesClient client) {
        this.client = client;
        this.content = new NamespaceContent(client);
        this.loop = new ControllerLoop("namespace-controller", queue, this::sync, 1);
    }

    public void start() {
        informer = client.namespaces().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                enqueue(ns);
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace ns) {
                enqueue(ns);
            }

            @Override
            public void onDelete(Namespace ns, boolean finalStateUnknown) {
            }
        });
        loop.start();
    }

    private void enqueue(Namespace ns) {
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            queue.add(ns.getMetadata().getName());
        }
    }

    /** Deletes what the namespace holds; finalizes it once empty, else looks again shortly. */
    Duration sync(String name) {
        Namespace ns = informer.getStore().getByKey(name);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() == null
                || !ns.getSpec().getFinalizers().contains("kubernetes")) {
            return null;
        }
        if (!content.deleteAll(name)) {
            return RECHECK;
        }
        List<String> rest = ns.getSpec().getFinalizers().stream().filter(f -> !f.equals("kubernetes")).toList();
        ns.getSpec().setFinalizers(rest);
        client.raw("/api/v1/namespaces/" + name + "/finalize", "PUT", ns);
        LOG.info("namespace {} emptied and finalized", name);
        return null;
    }

    @Override
    public void close() {
        loop.close();
        if (informer != null) {
            informer.close();
        }
    }
}
