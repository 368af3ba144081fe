package io.k8j.apiserver.registry;

/** Makes the context strategies see during one write. */
@FunctionalInterface
public interface StrategyContextFactory {
    StrategyContext create(boolean dryRun);
}
