package io.k8j.proxy;

import io.k8j.client.host.HostCommand;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.OnChange;
import io.k8j.client.SharedInformers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * kube-proxy in iptables mode for one node: Services and EndpointSlices from informers, and on every change (at
 * most once per second) and every 30 s the whole ruleset rebuilt and applied ({@link ProxyRules}, {@link Iptables}).
 * A failed sync is logged and retried at the next one. Closing it removes every rule it added: the cluster's
 * virtual IPs then stop working on this node (the pod network guard keeps refusing them, so nothing leaves).
 */
public final class ServiceProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
    private static final long MIN_SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RESYNC_SECONDS = 30;

    private final SharedInformers informers;
    private final ProxyConfig config;
    private final ScheduledExecutorService executor;

    private ServiceProxy(KubernetesClient client, ProxyConfig config) throws IOException {
        this.config = config;
        this.informers = new SharedInformers(client);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "k8j-proxy-sync"));
        RouteLocalnet.enable();
    }

    /** Starts watching and returns after the first sync, so that Service IPs work once it returns. */
    public static ServiceProxy start(KubernetesClient client, ProxyConfig config) throws IOException {
        ServiceProxy proxy = new ServiceProxy(client, config);
        ThrottledRunner runner = new ThrottledRunner(proxy.executor, proxy::syncLogged, MIN_SYNC_INTERVAL_NANOS, System::nanoTime);
        proxy.informers.of(Service.class).addEventHandler(new OnChange<>(s -> runner.request()));
        proxy.informers.of(EndpointSlice.class).addEventHandler(new OnChange<>(s -> runner.request()));
        proxy.informers.start(Service.class, EndpointSlice.class);
        proxy.sync();
        proxy.executor.scheduleWithFixedDelay(runner::request, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
        return proxy;
    }

    /** Why this node cannot run the proxy (not root, no iptables-restore), or empty when it can. */
    public static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("not running as root");
        }
        if (!HostCommand.exec(List.of("iptables-restore", "--version"), null).ok()) {
            return Optional.of("iptables-restore is not installed");
        }
        return Optional.empty();
    }

    /** Removes every k8j proxy chain and jump from this host and restores route_localnet ({@code k8j proxy --cleanup}). */
    public static void cleanup() throws IOException {
        Iptables.HOST.cleanup();
        RouteLocalnet.restore();
    }

    private void sync() {
        long started = System.nanoTime();
        Ruleset ruleset = ProxyRules.build(config, informers.of(Service.class).getStore().list(),
                informers.of(EndpointSlice.class).getStore().list());
        Iptables.HOST.apply(ruleset);
        LOG.debug("proxy rules synced in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void syncLogged() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("proxy sync failed (retried at the next change or within {} s): {}", RESYNC_SECONDS, e.getMessage());
        }
    }

    @Override
    public void close() {
        informers.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            cleanup();
        } catch (IOException e) {
            LOG.warn("could not restore route_localnet: {}", e.toString());
        }
    }
}
