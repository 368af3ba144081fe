package io.k8j.controllers.rootca;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.Keys;
import io.k8j.client.OnChange;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * kube's root-ca-cert-publisher: a {@code kube-root-ca.crt} ConfigMap in every namespace holding the CA bundle
 * that verifies the API server ({@code ca.crt}), with kube's description annotation; made again when deleted,
 * put back when edited. Pods read it through their service account volume. Keyed by namespace.
 */
public final class RootCaPublisher implements Controller {
    public static final String NAME = "kube-root-ca.crt";
    static final String DESCRIPTION_KEY = "kubernetes.io/description";
    static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using "
            + "internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
            + "guaranteed across distributions of Kubernetes clusters.";

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Map<String, String> data;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<Namespace> namespaces;
    private Indexer<ConfigMap> configMaps;
    private ControllerLoop loop;

    /** {@code caBundle}: PEM, kube-controller-manager's --root-ca-file. */
    public RootCaPublisher(KubernetesClient client, SharedInformers informers, String caBundle) {
        this.client = client;
        this.informers = informers;
        this.data = Map.of("ca.crt", caBundle);
    }

    @Override
    public void start() {
        var namespaceInformer = informers.of(Namespace.class);
        var configMapInformer = informers.of(ConfigMap.class);
        namespaces = namespaceInformer.getIndexer();
        configMaps = configMapInformer.getIndexer();
        namespaceInformer.addEventHandler(new EnqueueByKey<>(queue));
        configMapInformer.addEventHandler(new OnChange<>(cm -> {
            if (NAME.equals(cm.getMetadata().getName())) {
                queue.add(cm.getMetadata().getNamespace());
            }
        }));
        loop = new ControllerLoop("root-ca-cert-publisher", queue, this::reconcile, 1);
        informers.start(Namespace.class, ConfigMap.class);
        loop.start();
    }

    Duration reconcile(String namespace) {
        Namespace ns = namespaces.getByKey(namespace);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        ConfigMap cm = configMaps.getByKey(Keys.of(namespace, NAME));
        try {
            if (cm == null) {
                client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(NAME).withNamespace(namespace).addToAnnotations(DESCRIPTION_KEY, DESCRIPTION)
                        .endMetadata().withData(data).build()).create();
            } else if (!data.equals(cm.getData()) || cm.getMetadata().getAnnotations() == null
                    || cm.getMetadata().getAnnotations().getOrDefault(DESCRIPTION_KEY, "").isEmpty()) {
                ConfigMap fixed = new ConfigMapBuilder(cm).withData(data).build();
                Map<String, String> annotations = new HashMap<>(fixed.getMetadata().getAnnotations() == null
                        ? Map.of() : fixed.getMetadata().getAnnotations());
                annotations.put(DESCRIPTION_KEY, DESCRIPTION);
                fixed.getMetadata().setAnnotations(annotations);
                client.configMaps().inNamespace(namespace).resource(fixed).update();
            }
        } catch (KubernetesClientException e) {
            // 404/403: the namespace went or began terminating; 409: the cache was behind, its event re-queues.
            if (e.getCode() != 404 && e.getCode() != 403 && e.getCode() != 409) {
                throw e;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
