package io.k8j.kubelet.runtime.simulated;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.PullAuth;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;

import io.k8j.kubelet.runtime.StreamIo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runtime without processes, for tests and hollow nodes: containers go CREATED -> RUNNING on start and
 * stay running until stopped (exit code 0, Completed), init containers complete as they start; times come from the injected clock, pod IPs from
 * a /24 per node index (see SimulatedAddresses). Exec succeeds with no output, so exec probes pass.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    private final Clock clock;
    private final SimulatedAddresses addresses;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, SandboxStatus> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ContainerStatus> containers = new ConcurrentHashMap<>();

    public SimulatedRuntime(int nodeIndex, Clock clock) {
        this.clock = clock;
        this.addresses = new SimulatedAddresses(nodeIndex);
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String version() {
        return "k8j";
    }

    @Override
    public String runPodSandbox(SandboxConfig config) {
        String id = "s" + ids.incrementAndGet();
        String ip = config.nodeNetworkIp() != null ? config.nodeNetworkIp() : addresses.allocate();
        sandboxes.put(id, new SandboxStatus(id, config, true, ip, clock.instant()));
        return id;
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        listContainers(sandboxId).forEach(c -> stopContainer(c.id(), Duration.ZERO));
        sandboxes.computeIfPresent(sandboxId, (id, s) -> {
            if (s.ready() && s.config().nodeNetworkIp() == null) {
                addresses.release(s.ip());
            }
            return new SandboxStatus(id, s.config(), false, s.ip(), s.createdAt());
        });
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        stopPodSandbox(sandboxId);
        containers.values().removeIf(c -> c.sandboxId().equals(sandboxId));
        sandboxes.remove(sandboxId);
    }

    @Override
    public Optional<SandboxStatus> podSandboxStatus(String sandboxId) {
        return Optional.ofNullable(sandboxes.get(sandboxId));
    }

    @Override
    public List<SandboxStatus> listPodSandboxes() {
        return List.copyOf(sandboxes.values());
    }

    @Override
    public String createContainer(String sandboxId, SandboxConfig sandboxConfig, ContainerConfig c) {
        SandboxStatus sandbox = sandboxes.get(sandboxId);
        if (sandbox == null || !sandbox.ready()) {
            throw new IllegalStateException("sandbox " + sandboxId + " is not ready");
        }
        String id = "c" + ids.incrementAndGet();
        containers.put(id, new ContainerStatus(id, sandboxId, c.name(), c.attempt(), ContainerState.CREATED,
                clock.instant(), null, null, 0, null, null, c.image(), imageRef(c.image()),
                sandbox.config().logDirectory().resolve(c.logPath()), c.labels()));
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        update(containerId, ContainerState.CREATED, c -> new ContainerStatus(c.id(), c.sandboxId(), c.name(),
                c.attempt(), ContainerState.RUNNING, c.createdAt(), clock.instant(), null, 0, null, null, c.image(),
                c.imageRef(), c.logPath(), c.labels()));
        if ("true".equals(containers.get(containerId).labels().get(ContainerConfig.INIT_LABEL))) {
            stopContainer(containerId, Duration.ZERO);
        }
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        update(containerId, ContainerState.RUNNING, c -> new ContainerStatus(c.id(), c.sandboxId(), c.name(),
                c.attempt(), ContainerState.EXITED, c.createdAt(), c.startedAt(), clock.instant(), 0, "Completed",
                null, c.image(), c.imageRef(), c.logPath(), c.labels()));
    }

    private void update(String id, ContainerState from, java.util.function.UnaryOperator<ContainerStatus> change) {
        ContainerStatus now = containers.computeIfPresent(id, (k, c) -> c.state() == from ? change.apply(c) : c);
        if (now == null) {
            throw new IllegalStateException("no container " + id);
        }
    }

    @Override
    public void removeContainer(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public List<ContainerStatus> listContainers(String sandboxId) {
        return containers.values().stream().filter(c -> sandboxId == null || c.sandboxId().equals(sandboxId)).toList();
    }

    @Override
    public String pullImage(String image, PullAuth auth) {
        return imageRef(image);
    }

    @Override
    public boolean pullsImages() {
        return false;
    }

    /** Every image is present and runs as nobody (65534), so runAsNonRoot pods run too. */
    @Override
    public Optional<Image> imageStatus(String image) {
        return Optional.of(new Image(imageRef(image), List.of(image), List.of(), 0, 65534L, null));
    }

    @Override
    public List<Image> listImages() {
        return List.of();
    }

    private static String imageRef(String image) {
        return "simulated://" + image;
    }

    @Override
    public int exec(String containerId, List<String> command, StreamIo io, Duration timeout) {
        running(containerId);
        return 0;
    }

    /** Nothing runs, so nothing is written: the session lasts until the client leaves. */
    @Override
    public void attach(String containerId, StreamIo io) throws InterruptedException {
        running(containerId);
        new java.util.concurrent.CountDownLatch(1).await();
    }

    @Override
    public void portForward(String sandboxId, int port, InputStream fromClient, OutputStream toClient) throws IOException {
        throw new IOException("the simulated runtime runs no processes: nothing listens on port " + port);
    }

    private void running(String containerId) {
        ContainerStatus c = containers.get(containerId);
        if (c == null || !c.running()) {
            throw new IllegalStateException("container " + containerId + " is not running");
        }
    }

    @Override
    public void close() {
        sandboxes.keySet().forEach(this::stopPodSandbox);
    }
}
