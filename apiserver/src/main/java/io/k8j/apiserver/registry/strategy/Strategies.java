package io.k8j.apiserver.registry.strategy;

import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.ResourceStrategy;

/** The strategy of each built-in resource, by group and plural. */
public final class Strategies {
    private Strategies() {
    }

    /**
     * The strategy for {@code type}; resources without rules of their own get one that accepts everything.
     *
     * @param allocator the cluster's one allocator of service IPs and node ports
     */
    public static ResourceStrategy forResource(ResourceType type, ServiceAllocator allocator) {
        return switch (type.group() + "/" + type.plural()) {
            case "/pods" -> new PodStrategy();
            case "/services" -> new ServiceStrategy(type, allocator);
            case "apps/deployments" -> new DeploymentStrategy();
            default -> new ResourceStrategy() {
            };
        };
    }
}
