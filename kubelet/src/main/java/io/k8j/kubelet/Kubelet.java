package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ApiErrors;
import io.k8j.client.AsyncEventSink;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.EventRecorder;
import io.k8j.client.EventSpamFilter;
import io.k8j.client.WorkQueue;
import io.k8j.kubelet.pod.ContainerEvents;
import io.k8j.kubelet.pod.PodDeleter;
import io.k8j.kubelet.pod.PodStatusWriter;
import io.k8j.kubelet.pod.PodSync;
import io.k8j.kubelet.pod.RestartBackoff;
import io.k8j.kubelet.probe.ProbeManager;
import io.k8j.kubelet.probe.Prober;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.server.NodeServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node agent as an API client: registers its Node, heartbeats (Lease, status), watches the pods bound
 * to it and runs them through a {@link ContainerRuntime} with one level-triggered worker per pod key,
 * runs static pods from DATA_DIR/manifests, records Events about pods' containers (off the pod workers,
 * through a bounded queue), and serves container logs on the node server.
 */
public final class Kubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final int WORKERS = 16;

    private final ContainerRuntime runtime;
    private final WorkQueue queue = new WorkQueue();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kubelet-timers").factory());
    private final AsyncEventSink events;
    private final ProbeManager probes;
    private final SharedIndexInformer<Pod> informer;
    private final ControllerLoop loop;
    private final NodeServer server;

    private Kubelet(KubernetesClient client, KubeletConfig config, ContainerRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.events = new AsyncEventSink(new EventRecorder(client, "kubelet", config.nodeName(), clock),
                new EventSpamFilter(clock), AsyncEventSink.CAPACITY);
        ContainerEvents containerEvents = new ContainerEvents(events);
        this.probes = new ProbeManager(new Prober(runtime), queue::add, containerEvents);
        StaticPods statics = new StaticPods(config.dataDir().resolve("manifests"), config.nodeName(), client, queue::add);
        this.informer = client.pods().inAnyNamespace().withField("spec.nodeName", config.nodeName())
                .inform(new EnqueueByKey<>(queue), 0);
        PodSync sync = new PodSync(key -> statics.contains(key) ? statics.get(key) : informer.getStore().getByKey(key),
                runtime, PodSync.PodContext.create(clock, config.hostIp(), config.dataDir(), config.capacity(),
                new ApiConfigSource(client),
                new RestartBackoff(config.backoffInitial(), config.backoffMax(), clock), probes,
                new PodStatusWriter(client), new PodDeleter(client), containerEvents));
        this.loop = new ControllerLoop("kubelet", queue, sync, WORKERS);
        this.server = config.servingCertPem() == null ? null : NodeServer.start(config, runtime);
        NodeStatusReporter reporter = new NodeStatusReporter(client, config, runtime.name() + "://" + runtime.version(),
                MachineInfo.ofHost(), clock);
        NodeLease lease = new NodeLease(client, clock);
        Pleg pleg = new Pleg(runtime, probes, queue::add);
        int port = server == null ? 0 : server.port();
        loop.start();
        NodeEvents nodeEvents = new NodeEvents(events, config.nodeName());
        nodeEvents.starting();
        java.util.concurrent.atomic.AtomicReference<Node> node = new java.util.concurrent.atomic.AtomicReference<>();
        timers.scheduleWithFixedDelay(guard("node status", () -> {
            if (node.get() == null) {
                node.set(reporter.register());
                statics.node(node.get());
            }
            reporter.report(port);
            nodeEvents.reported();
            lease.renew(node.get());
        }), 0, config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guard("relist", pleg::relist), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(guard("static pods", statics::scan), 0, 5, TimeUnit.SECONDS);
        LOG.info("kubelet for node {} started ({} runtime, node server port {})", config.nodeName(), runtime.name(), port);
    }

    public static Kubelet start(KubernetesClient client, KubeletConfig config, ContainerRuntime runtime) {
        return new Kubelet(client, config, runtime, Clock.systemUTC());
    }

    private static Runnable guard(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("kubelet {}: {}", what, ApiErrors.summary(e));
            }
        };
    }

    @Override
    public void close() {
        timers.shutdownNow();
        informer.close();
        loop.close();
        probes.close();
        events.close();
        if (server != null) {
            server.close();
        }
        runtime.close();
    }
}
