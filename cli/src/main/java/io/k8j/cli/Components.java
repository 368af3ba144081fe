package io.k8j.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/**
 * The components {@code k8j server} runs beside the API server, each an API client started in the
 * background once the API serves; closed together, the last started first.
 */
final class Components implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final List<CompletableFuture<AutoCloseable>> started = new ArrayList<>();

    void start(String name, Callable<AutoCloseable> starter) {
        started.add(CompletableFuture.supplyAsync(() -> {
            try {
                AutoCloseable component = starter.call();
                LOG.info("{} started", name);
                return component;
            } catch (Exception e) {
                LOG.error("{} did not start: {}", name, e.toString());
                throw new IllegalStateException(name + " did not start", e);
            }
        }));
    }

    @Override
    public void close() {
        for (CompletableFuture<AutoCloseable> component : started.reversed()) {
            component.thenAccept(c -> {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing a component: {}", e.toString());
                }
            });
        }
    }
}
