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
import io.k8j.client.Keys;
import io.k8j.client.WorkQueue;
import io.k8j.kubelet.pod.ContainerEvents;
import io.k8j.kubelet.pod.OrphanedPodDirs;
import io.k8j.kubelet.pod.PodDeleter;
import io.k8j.kubelet.pod.PodSource;
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
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node agent as an API client: registers its Node, heartbeats (Lease, status), watches the pods bound
 * to it and runs them through a {@link ContainerRuntime} with one level-triggered worker per pod key,
 * runs static pods from DATA_DIR/manifests, records Events about pods' containers (off the pod workers,
 * through a bounded queue), and serves container logs on the node server. At start it reconciles what the
 * runtime already runs (from an earlier kubelet) with its pods: containers of its pods are adopted, the rest
 * stopped and removed; closing leaves containers running. Directories of gone pods are removed periodically. A
 * runtime whose pods get addresses from the node's pod CIDR is given it once assigned ({@link PodCidrWait}).
 */
public final class Kubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final int WORKERS = 16;
    private static final Duration UNSYNCED_RETRY = Duration.ofSeconds(1);
    /** How often directories of gone pods are looked for (kube's housekeeping runs every 2 s). */
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(10);

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
        // Known before any sync, so that no static pod's sandbox is taken for an orphan.
        statics.scan();
        this.informer = client.pods().inAnyNamespace().withField("spec.nodeName", config.nodeName())
                .inform(new EnqueueByKey<>(queue), 0);
        PodSource pods = key -> statics.contains(key) ? statics.get(key) : informer.getStore().getByKey(key);
        PodSync sync = new PodSync(pods,
                runtime, PodSync.PodContext.create(clock, config.hostIp(), config.dataDir(), config.capacity(),
                new ApiConfigSource(client, runtime.reachesClusterIps()),
                new RestartBackoff(config.backoffInitial(), config.backoffMax(), clock), probes,
                new PodStatusWriter(client), new PodDeleter(client), containerEvents, config.dns()));
        // Until the pods bound here are listed, a pod missing from the cache may exist: wait, do not remove its sandbox.
        this.loop = new ControllerLoop("kubelet", queue,
                key -> statics.contains(key) || informer.hasSynced() ? sync.reconcile(key) : UNSYNCED_RETRY, WORKERS);
        OrphanedPodDirs housekeeping = new OrphanedPodDirs(config.dataDir(), runtime, () -> {
            Set<String> uids = new HashSet<>(statics.uids());
            informer.getStore().list().forEach(p -> uids.add(p.getMetadata().getUid()));
            return uids;
        });
        this.server = config.servingCertPem() == null ? null : NodeServer.start(config, runtime, pods, client);
        NodeStatusReporter reporter = new NodeStatusReporter(client, config, runtime.name() + "://" + runtime.version(),
                MachineInfo.ofHost(), runtime::listImages, clock);
        NodeLease lease = new NodeLease(client, clock);
        Pleg pleg = new Pleg(runtime, probes, queue::add);
        int port = server == null ? 0 : server.port();
        // What the runtime runs from before this kubelet started: each pod's sync adopts it or removes it.
        runtime.listPodSandboxes().forEach(s -> queue.add(Keys.of(s.config().namespace(), s.config().name())));
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
        if (runtime.needsPodCidr()) {
            timers.scheduleWithFixedDelay(guard("pod CIDR", new PodCidrWait(client, config.nodeName(), runtime, clock)),
                    0, 1, TimeUnit.SECONDS);
        }
        timers.scheduleWithFixedDelay(guard("relist", pleg::relist), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(guard("static pods", statics::scan), 5, 5, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(guard("housekeeping", () -> {
            if (informer.hasSynced()) {
                housekeeping.clean();
            }
        }), 1, HOUSEKEEPING.toSeconds(), TimeUnit.SECONDS);
        LOG.info("kubelet for node {} started ({} runtime, node server port {})", config.nodeName(), runtime.name(), port);
    }

    public static Kubelet start(KubernetesClient client, KubeletConfig config, ContainerRuntime runtime) {
        return new Kubelet(client, config, runtime, Clock.systemUTC());
    }

    /** Serves new connections to the node server with this certificate (a renewed one). */
    public void updateServingCertificate(String certPem, String keyPem) {
        if (server == null) {
            throw new IllegalStateException("this kubelet runs no node server");
        }
        server.updateServingCertificate(certPem, keyPem);
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

    /** Stops the kubelet and leaves the containers running: the next kubelet on this node adopts them. */
    @Override
    public void close() {
        timers.shutdownNow();
        loop.close(); // before the informer: no sync may take a pod missing from a closed cache for deleted
        informer.close();
        probes.close();
        events.close();
        if (server != null) {
            server.close();
        }
        runtime.close();
    }
}
