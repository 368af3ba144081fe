package io.k8j.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The components {@code k8j server} runs beside the API server, each an API client started in the
 * background once the API serves; closed together, the last started first. One that cannot start is
 * fatal ({@code onFailure}): a server without its scheduler or node only looks as if it works.
 */
final class Components implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final List<CompletableFuture<AutoCloseable>> started = new ArrayList<>();
    private final Consumer<String> onFailure;
    private volatile boolean closed;

    Components(Consumer<String> onFailure) {
        this.onFailure = onFailure;
    }

    void start(String name, Callable<AutoCloseable> starter) {
        started.add(CompletableFuture.supplyAsync(() -> {
            try {
                AutoCloseable component = starter.call();
                LOG.info("{} started", name);
                return component;
            } catch (Exception e) {
                // Prerequisites a user can fix were checked before "ready": this is unexpected, so keep the trace.
                if (!closed) { // a start cut short by the shutdown is no failure
                    LOG.error("{} did not start", name, e);
                    onFailure.accept(name + " did not start: " + e);
                }
                throw new IllegalStateException(name + " did not start", e);
            }
        }));
    }

    @Override
    public void close() {
        closed = true;
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
