package io.k8j.controllers;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.controllers.namespace.NamespaceController;

/** Runs the control loops against an API server, as its client only. */
public final class ControllerManager implements AutoCloseable {
    private final KubernetesClient client;
    private final NamespaceController namespaces;

    private ControllerManager(KubernetesClient client) {
        this.client = client;
        this.namespaces = new NamespaceController(client);
    }

    public static ControllerManager start(Config config) {
        ControllerManager manager = new ControllerManager(new KubernetesClientBuilder().withConfig(config).build());
        manager.namespaces.start();
        return manager;
    }

    @Override
    public void close() {
        namespaces.close();
        client.close();
    }
}
