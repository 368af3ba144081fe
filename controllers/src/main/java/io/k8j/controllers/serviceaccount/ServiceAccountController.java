package io.k8j.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.Keys;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Duration;

/**
 * kube's serviceaccounts-controller: a {@code default} ServiceAccount in every active namespace, made
 * again when deleted. Keyed by namespace. Tokens for it are not this controller's business.
 */
public final class ServiceAccountController implements Controller {
    static final String DEFAULT = "default";

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<Namespace> namespaces;
    private Indexer<ServiceAccount> accounts;
    private ControllerLoop loop;

    public ServiceAccountController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        SharedIndexInformer<Namespace> namespaceInformer = informers.of(Namespace.class);
        SharedIndexInformer<ServiceAccount> accountInformer = informers.of(ServiceAccount.class);
        namespaces = namespaceInformer.getIndexer();
        accounts = accountInformer.getIndexer();
        namespaceInformer.addEventHandler(new EnqueueByKey<>(queue));
        accountInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServiceAccount sa) {
            }

            @Override
            public void onUpdate(ServiceAccount old, ServiceAccount sa) {
            }

            @Override
            public void onDelete(ServiceAccount sa, boolean finalStateUnknown) {
                if (DEFAULT.equals(sa.getMetadata().getName())) {
                    queue.add(sa.getMetadata().getNamespace());
                }
            }
        });
        loop = new ControllerLoop("serviceaccount-controller", queue, this::reconcile, 1);
        informers.start(Namespace.class, ServiceAccount.class);
        loop.start();
    }

    Duration reconcile(String namespace) {
        Namespace ns = namespaces.getByKey(namespace);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null
                || ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())
                || accounts.getByKey(Keys.of(namespace, DEFAULT)) != null) {
            return null;
        }
        try {
            client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName(DEFAULT).withNamespace(namespace).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            // 409: the cache was behind; 403: the namespace began terminating meanwhile.
            if (e.getCode() != 409 && e.getCode() != 403) {
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
