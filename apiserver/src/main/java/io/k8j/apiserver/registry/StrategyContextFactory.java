package io.k8j.apiserver.registry;

/** Makes the context strategies see during one write attempt. */
@FunctionalInterface
interface StrategyContextFactory {
    WriteContext create(boolean dryRun);
}
