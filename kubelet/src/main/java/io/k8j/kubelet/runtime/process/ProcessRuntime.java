package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.runtime.StreamIo;

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
 */
public final class ProcessRuntime implements ContainerRuntime {
    private final Path podsDir;
    private final Clock clock;
    private final LoopbackAddresses addresses;
    private final Map<String, ProcessSandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ProcessContainer> containers = new ConcurrentHashMap<>();

    /** {@code loopbackBlock} B gives pod IPs 127.B.x.y. */
    public ProcessRuntime(Path podsDir, int loopbackBlock, Clock clock) {
        this.podsDir = podsDir;
        this.clock = clock;
        this.addresses = new LoopbackAddresses(loopbackBlock);
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
        sandboxes.put(id, new ProcessSandbox(id, config, ip, clock.instant()));
        return id;
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        ProcessSandbox sandbox = sandboxes.get(sandboxId);
        if (sandbox == null) {
            return;
        }
        listContainers(sandboxId).forEach(c -> stopContainer(c.id(), Duration.ZERO));
        if (sandbox.stop() && sandbox.config.nodeNetworkIp() == null) {
            addresses.release(sandbox.ip);
        }
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        stopPodSandbox(sandboxId);
        containers.values().removeIf(c -> c.sandboxId.equals(sandboxId));
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
    public String createContainer(String sandboxId, ContainerConfig config) {
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
        containers.put(id, new ProcessContainer(id, sandboxId, config, workDir, logPath,
                ProcessEnv.of(config, sandbox, workDir), clock));
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        container(containerId).start();
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        ProcessContainer c = container(containerId);
        ProcessHandle handle = c.handle();
        if (handle == null) {
            return;
        }
        ProcessTree.stop(handle, timeout);
        try {
            c.awaitExit(Duration.ofSeconds(3)); // the exit callback records the code after the pipes drain
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void removeContainer(String containerId) {
        stopContainer(containerId, Duration.ZERO);
        containers.remove(containerId);
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
    public String pullImage(String image) {
        return imageRef(image);
    }

    @Override
    public Optional<String> imageStatus(String image) {
        return Optional.of(imageRef(image));
    }

    @Override
    public int exec(String containerId, List<String> command, StreamIo io, Duration timeout) {
        ProcessContainer c = container(containerId);
        if (c.handle() == null) {
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

    @Override
    public void close() {
        sandboxes.keySet().forEach(this::stopPodSandbox);
    }

    static List<String> argv(ContainerConfig config) {
        List<String> argv = new ArrayList<>(config.command() == null ? List.of() : config.command());
        argv.addAll(config.args() == null ? List.of() : config.args());
        return argv;
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
