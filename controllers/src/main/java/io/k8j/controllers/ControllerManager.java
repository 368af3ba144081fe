package io.k8j.controllers;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.controllers.deployment.DeploymentController;
import io.k8j.controllers.gc.GarbageCollector;
import io.k8j.controllers.namespace.NamespaceController;
import io.k8j.controllers.replicaset.ReplicaSetController;

import java.util.List;

/** Runs the control loops against an API server, as its client only; they start and stop together. */
public final class ControllerManager implements AutoCloseable {
    private final KubernetesClient client;
    private final List<Controller> controllers;

    private ControllerManager(KubernetesClient client) {
        this.client = client;
        this.controllers = List.of(new NamespaceController(client), new ReplicaSetController(client),
                new DeploymentController(client), new GarbageCollector(client));
    }

    public static ControllerManager start(Config config) {
        ControllerManager manager = new ControllerManager(new KubernetesClientBuilder().withConfig(config).build());
        manager.controllers.forEach(Controller::start);
        return manager;
    }

    @Override
    public void close() {
        controllers.reversed().forEach(Controller::close);
        client.close();
    }
}
