package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.PullAuth;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.runtime.StreamIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each container's command and args as a host process: no image, no namespaces, no cgroups. A pod is
 * a loopback address and a directory, DATA_DIR/pods/&lt;uid&gt;/&lt;container&gt; the working directory
 * of each container. What it does not isolate is listed in docs/architecture.md (section Kubelet).
 *
 * <p>Sandboxes and containers are recorded under the state directory (see {@link StateStore}) and each container
 * runs under a {@link Shim} that needs no JVM: closing the runtime leaves them running, and a runtime made later
 * on the same directories reports them again, running or exited, as containerd does after a kubelet restart.
 */
public final class ProcessRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    /** The uid this kubelet (and so every process-runtime container) runs as. */
    private static final Long KUBELET_UID = kubeletUid();

    private final Path podsDir;
    private final Clock clock;
    private final StateStore store;
    private final Shim shim;
    private final LoopbackAddresses addresses;
    private final Map<String, ProcessSandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ProcessContainer> containers = new ConcurrentHashMap<>();

    /**
     * {@code loopbackBlock} B gives pod IPs 127.B.x.y; {@code stateDir} holds the records of sandboxes and
     * containers, and those found there are adopted.
     */
    public ProcessRuntime(Path podsDir, Path stateDir, int loopbackBlock, Clock clock) {
        this.podsDir = podsDir;
        this.clock = clock;
        this.store = new StateStore(stateDir);
        this.shim = new Shim(stateDir);
        this.addresses = new LoopbackAddresses(loopbackBlock);
        for (StateStore.Sandbox record : store.sandboxes()) {
            ProcessSandbox sandbox = new ProcessSandbox(record);
            if (record.ready() && sandbox.ownsAddress()) {
                addresses.reserve(record.ip());
            }
            sandboxes.put(record.id(), sandbox);
        }
        for (StateStore.Container record : store.containers()) {
            containers.put(record.id(), ProcessContainer.adopt(store, shim, record, clock));
            if (!sandboxes.containsKey(record.sandboxId())) {
                removeContainer(record.id()); // its sandbox was removed while this container was being made
            }
        }
        if (!sandboxes.isEmpty()) {
            LOG.info("process runtime: found {} sandboxes and {} containers in {} ({} running)", sandboxes.size(),
                    containers.size(), stateDir, containers.values().stream().filter(ProcessContainer::running).count());
        }
    }

    /** The runtime of a node's data dir: working dirs in DATA_DIR/pods, records in {@link #stateDir}. */
    public static ProcessRuntime inDataDir(Path dataDir, int loopbackBlock, Clock clock) {
        return new ProcessRuntime(dataDir.resolve("pods"), stateDir(dataDir), loopbackBlock, clock);
    }

    /** DATA_DIR/agent/process, as k3s keeps its containerd's state in DATA_DIR/agent/containerd. */
    public static Path stateDir(Path dataDir) {
        return dataDir.resolve("agent/process");
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String version() {
        return "k8j";
    }

    @Override
    public String runPodSandbox(SandboxConfig config) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String ip = config.nodeNetworkIp() != null ? config.nodeNetworkIp() : addresses.allocate();
        ProcessSandbox sandbox = new ProcessSandbox(new StateStore.Sandbox(id, config, ip, clock.instant(), true));
        store.save(sandbox.record());
        sandboxes.put(id, sandbox);
        return id;
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        ProcessSandbox sandbox = sandboxes.get(sandboxId);
        if (sandbox == null) {
            return;
        }
        listContainers(sandboxId).forEach(c -> stopContainer(c.id(), Duration.ZERO));
        if (sandbox.stop()) {
            store.save(sandbox.record());
            if (sandbox.ownsAddress()) {
                addresses.release(sandbox.ip);
            }
        }
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        stopPodSandbox(sandboxId);
        containers.values().stream().filter(c -> c.sandboxId.equals(sandboxId)).toList()
                .forEach(c -> removeContainer(c.id));
        store.deleteSandbox(sandboxId);
        sandboxes.remove(sandboxId);
    }

    @Override
    public Optional<SandboxStatus> podSandboxStatus(String sandboxId) {
        return Optional.ofNullable(sandboxes.get(sandboxId)).map(ProcessSandbox::status);
    }

    @Override
    public List<SandboxStatus> listPodSandboxes() {
        return sandboxes.values().stream().map(ProcessSandbox::status).toList();
    }

    @Override
    public String createContainer(String sandboxId, SandboxConfig sandboxConfig, ContainerConfig config) {
        ProcessSandbox sandbox = sandboxes.get(sandboxId);
        if (sandbox == null || !sandbox.status().ready()) {
            throw new IllegalStateException("sandbox " + sandboxId + " is not ready");
        }
        if (argv(config).isEmpty()) {
            throw new IllegalArgumentException("the process runtime needs a command: container " + config.name()
                    + " has neither command nor args (images are not run)");
        }
        Path workDir = podsDir.resolve(sandbox.config.uid()).resolve(config.name());
        try {
            Files.createDirectories(workDir.resolve(ProcessContainer.relative(config.workingDir())));
            for (ContainerConfig.Mount m : config.mounts()) {
                VolumeLinks.link(workDir, m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        Path logPath = sandbox.config.logDirectory().resolve(config.logPath());
        containers.put(id, ProcessContainer.create(store, shim, StateStore.Container.created(id, sandboxId, config, workDir,
                logPath, ProcessEnv.of(config, sandbox, workDir), clock.instant()), clock));
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        container(containerId).start();
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        try {
            container(containerId).stop(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void removeContainer(String containerId) {
        stopContainer(containerId, Duration.ZERO);
        ProcessContainer c = containers.get(containerId);
        if (c != null) {
            c.remove();
            containers.remove(containerId);
        }
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return Optional.ofNullable(containers.get(containerId)).map(c -> c.status(imageRef(c.config.image())));
    }

    @Override
    public List<ContainerStatus> listContainers(String sandboxId) {
        List<ContainerStatus> out = new ArrayList<>();
        for (ProcessContainer c : containers.values()) {
            if (sandboxId == null || c.sandboxId.equals(sandboxId)) {
                out.add(c.status(imageRef(c.config.image())));
            }
        }
        return out;
    }

    /** Images are not run here: pulling succeeds at once, and the reference is the name. */
    @Override
    public String pullImage(String image, PullAuth auth) {
        return imageRef(image);
    }

    @Override
    public boolean pullsImages() {
        return false;
    }

    /** Every image is "present"; it runs as the kubelet's own user, which is what runAsNonRoot is checked against. */
    @Override
    public Optional<Image> imageStatus(String image) {
        return Optional.of(new Image(imageRef(image), List.of(image), List.of(), 0, KUBELET_UID, null));
    }

    /** No image is stored on the node. */
    @Override
    public List<Image> listImages() {
        return List.of();
    }

    @Override
    public int exec(String containerId, List<String> command, StreamIo io, Duration timeout) {
        ProcessContainer c = container(containerId);
        if (!c.running()) {
            throw new IllegalStateException("container " + containerId + " is not running");
        }
        return ProcessExec.run(command, c.workDir.resolve(ProcessContainer.relative(c.config.workingDir())), c.env(),
                io, timeout);
    }

    @Override
    public void attach(String containerId, StreamIo io) throws InterruptedException {
        container(containerId).attach(io);
    }

    /** The pod's loopback address is its network: the port is reached there, as a pod-local client would. */
    @Override
    public void portForward(String sandboxId, int port, InputStream fromClient, OutputStream toClient) throws IOException {
        ProcessSandbox sandbox = sandboxes.get(sandboxId);
        if (sandbox == null || !sandbox.status().ready()) {
            throw new IllegalStateException("sandbox " + sandboxId + " is not ready");
        }
        PortForwarder.forward(sandbox.ip, port, fromClient, toClient);
    }

    /** Lets go of the containers, which keep running: the next runtime on this state directory adopts them. */
    @Override
    public void close() {
        containers.values().forEach(ProcessContainer::detach);
    }

    static List<String> argv(ContainerConfig config) {
        List<String> argv = new ArrayList<>(config.command() == null ? List.of() : config.command());
        argv.addAll(config.args() == null ? List.of() : config.args());
        return argv;
    }

    private static Long kubeletUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String imageRef(String image) {
        return "process://" + image;
    }

    private ProcessContainer container(String id) {
        ProcessContainer c = containers.get(id);
        if (c == null) {
            throw new IllegalStateException("no container " + id);
        }
        return c;
    }

    /** Host processes: a cluster IP would leave the machine, as nothing proxies it here. */
    @Override
    public boolean reachesClusterIps() {
        return false;
    }
}
