package io.k8j.cri;

import io.k8j.cri.streaming.RemoteStreams;
import io.k8j.cri.v1.AttachRequest;
import io.k8j.cri.v1.AuthConfig;
import io.k8j.cri.v1.Container;
import io.k8j.cri.v1.ContainerFilter;
import io.k8j.cri.v1.ContainerStatusRequest;
import io.k8j.cri.v1.CreateContainerRequest;
import io.k8j.cri.v1.ExecRequest;
import io.k8j.cri.v1.ExecSyncRequest;
import io.k8j.cri.v1.ExecSyncResponse;
import io.k8j.cri.v1.ImageSpec;
import io.k8j.cri.v1.ImageStatusRequest;
import io.k8j.cri.v1.ListContainersRequest;
import io.k8j.cri.v1.ListImagesRequest;
import io.k8j.cri.v1.ListPodSandboxRequest;
import io.k8j.cri.v1.PodSandbox;
import io.k8j.cri.v1.PodSandboxState;
import io.k8j.cri.v1.PodSandboxStatusRequest;
import io.k8j.cri.v1.PortForwardRequest;
import io.k8j.cri.v1.PullImageRequest;
import io.k8j.cri.v1.RemoveContainerRequest;
import io.k8j.cri.v1.RemovePodSandboxRequest;
import io.k8j.cri.v1.RunPodSandboxRequest;
import io.k8j.cri.v1.StartContainerRequest;
import io.k8j.cri.v1.StopContainerRequest;
import io.k8j.cri.v1.StopPodSandboxRequest;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.ExecResult;
import io.k8j.kubelet.runtime.ExecTimeoutException;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.PullAuth;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.runtime.StreamIo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The kubelet's containerd runtime: each SPI call is the CRI call of the same name over {@link CriClient}.
 * Lists are one ListPodSandbox/ListContainers call; the details the list lacks (a sandbox's IP, a container's
 * times, exit code and reason) come from a status call made only when the runtime reports something new (a
 * sandbox's IP never changes; a container's status changes with its state), so the kubelet's frequent relists
 * stay cheap. Streaming calls get the runtime's streaming URL and speak SPDY to it ({@link RemoteStreams}).
 */
public final class ContainerdRuntime implements ContainerRuntime {
    /** Pulls may take long; the kubelet gives them no deadline of their own. */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

    private final CriClient cri;
    private final boolean systemdCgroups;
    private final AutoCloseable onClose;
    private final Consumer<String> podCidrs;
    private final String version;
    private final Map<String, String> sandboxIps = new ConcurrentHashMap<>();
    private final Map<String, ContainerStatus> statuses = new ConcurrentHashMap<>();

    /**
     * {@code onClose}: what goes when the runtime is closed (the supervised containerd), after the client;
     * {@code podCidrs}: writes the pod network config for the node's pod CIDR, null when containerd's network is
     * configured elsewhere.
     */
    public ContainerdRuntime(CriClient cri, boolean systemdCgroups, AutoCloseable onClose, Consumer<String> podCidrs) {
        this.cri = cri;
        this.podCidrs = podCidrs;
        this.systemdCgroups = systemdCgroups;
        this.onClose = onClose;
        this.version = cri.version().getRuntimeVersion();
    }

    @Override
    public String name() {
        return "containerd";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean needsPodCidr() {
        return podCidrs != null;
    }

    @Override
    public void updatePodCidr(String cidr) {
        if (podCidrs != null) {
            podCidrs.accept(cidr);
        }
    }

    @Override
    public boolean supportsSingleFileMapping() {
        return true;
    }

    @Override
    public String runPodSandbox(SandboxConfig config) {
        try {
            if (config.logDirectory() != null) {
                Files.createDirectories(config.logDirectory());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CriClient.call(() -> cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder()
                .setConfig(CriRequests.sandbox(config, systemdCgroups)).build())).getPodSandboxId();
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        ignoreNotFound(() -> cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        ignoreNotFound(() -> cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
        sandboxIps.remove(sandboxId);
        statuses.values().removeIf(c -> c.sandboxId().equals(sandboxId));
    }

    @Override
    public Optional<SandboxStatus> podSandboxStatus(String sandboxId) {
        try {
            var s = CriClient.call(() -> cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder()
                    .setPodSandboxId(sandboxId).build())).getStatus();
            sandboxIps.put(sandboxId, s.getNetwork().getIp());
            return Optional.of(CriStatuses.sandbox(s.getId(), s.getMetadata(), s.getState() == PodSandboxState.SANDBOX_READY,
                    s.getLabelsMap(), s.getAnnotationsMap(), s.getCreatedAt(), s.getNetwork().getIp()));
        } catch (CriException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<SandboxStatus> listPodSandboxes() {
        List<SandboxStatus> out = new ArrayList<>();
        for (PodSandbox s : CriClient.call(() -> cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()))
                .getItemsList()) {
            String ip = sandboxIps.get(s.getId());
            if (ip == null) {
                Optional<SandboxStatus> status = podSandboxStatus(s.getId());
                if (status.isPresent()) {
                    out.add(status.get());
                }
                continue;
            }
            out.add(CriStatuses.sandbox(s.getId(), s.getMetadata(), s.getState() == PodSandboxState.SANDBOX_READY,
                    s.getLabelsMap(), s.getAnnotationsMap(), s.getCreatedAt(), ip));
        }
        return out;
    }

    @Override
    public String createContainer(String sandboxId, SandboxConfig sandbox, ContainerConfig config) {
        return CriClient.call(() -> cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(sandboxId).setConfig(CriRequests.container(config))
                .setSandboxConfig(CriRequests.sandbox(sandbox, systemdCgroups)).build())).getContainerId();
    }

    /** A start that fails leaves the container EXITED with reason StartError and the runtime's message (containerd's way). */
    @Override
    public void startContainer(String containerId) {
        try {
            CriClient.call(() -> cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build()));
        } catch (CriException e) {
            if (containerStatus(containerId).map(c -> c.state() != ContainerState.EXITED).orElse(true)) {
                throw e;
            }
        }
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        ignoreNotFound(() -> cri.runtime(CriClient.REQUEST_TIMEOUT.plus(timeout)).stopContainer(StopContainerRequest.newBuilder()
                .setContainerId(containerId).setTimeout(timeout.toSeconds()).build()));
    }

    @Override
    public void removeContainer(String containerId) {
        ignoreNotFound(() -> cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build()));
        statuses.remove(containerId);
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        String sandboxId = Optional.ofNullable(statuses.get(containerId)).map(ContainerStatus::sandboxId)
                .orElseGet(() -> sandboxOf(containerId));
        if (sandboxId == null) {
            return Optional.empty();
        }
        return fetchStatus(containerId, sandboxId);
    }

    private String sandboxOf(String containerId) {
        return CriClient.call(() -> cri.runtime().listContainers(ListContainersRequest.newBuilder()
                        .setFilter(ContainerFilter.newBuilder().setId(containerId)).build())).getContainersList().stream()
                .map(Container::getPodSandboxId).findFirst().orElse(null);
    }

    private Optional<ContainerStatus> fetchStatus(String containerId, String sandboxId) {
        try {
            var s = CriClient.call(() -> cri.runtime().containerStatus(ContainerStatusRequest.newBuilder()
                    .setContainerId(containerId).build())).getStatus();
            ContainerStatus status = CriStatuses.container(s, sandboxId);
            statuses.put(containerId, status);
            return Optional.of(status);
        } catch (CriException e) {
            if (e.notFound()) {
                statuses.remove(containerId);
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ContainerStatus> listContainers(String sandboxId) {
        ListContainersRequest.Builder req = ListContainersRequest.newBuilder();
        if (sandboxId != null) {
            req.setFilter(ContainerFilter.newBuilder().setPodSandboxId(sandboxId));
        }
        List<Container> listed = CriClient.call(() -> cri.runtime().listContainers(req.build())).getContainersList();
        List<ContainerStatus> out = new ArrayList<>();
        for (Container c : listed) {
            ContainerStatus known = statuses.get(c.getId());
            if (known != null && known.state() == CriStatuses.state(c.getState())) {
                out.add(known);
            } else {
                fetchStatus(c.getId(), c.getPodSandboxId()).ifPresent(out::add);
            }
        }
        if (sandboxId == null) {
            statuses.keySet().retainAll(listed.stream().map(Container::getId).toList());
        }
        return out;
    }

    @Override
    public String pullImage(String image, PullAuth auth) {
        PullImageRequest.Builder req = PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image));
        if (auth != null) {
            req.setAuth(AuthConfig.newBuilder().setUsername(auth.username()).setPassword(auth.password())
                    .setAuth(auth.auth()).setServerAddress(auth.serverAddress()));
        }
        try {
            return CriClient.call(() -> cri.images(PULL_TIMEOUT).pullImage(req.build())).getImageRef();
        } catch (CriException e) {
            throw new CriException(e.code(), e.goError(), e); // the kubelet shows Go's form of a gRPC error
        }
    }

    @Override
    public Optional<Image> imageStatus(String image) {
        var r = CriClient.call(() -> cri.images(CriClient.REQUEST_TIMEOUT).imageStatus(ImageStatusRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(image)).build()));
        return r.hasImage() ? Optional.of(CriStatuses.image(r.getImage())) : Optional.empty();
    }

    @Override
    public List<Image> listImages() {
        return CriClient.call(() -> cri.images(CriClient.REQUEST_TIMEOUT).listImages(ListImagesRequest.getDefaultInstance()))
                .getImagesList().stream().map(CriStatuses::image).toList();
    }

    @Override
    public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        try {
            ExecSyncResponse r = CriClient.call(() -> cri.runtime(Duration.ofSeconds(seconds + 10)).execSync(ExecSyncRequest
                    .newBuilder().setContainerId(containerId).addAllCmd(command).setTimeout(seconds).build()));
            return new ExecResult(r.getExitCode(), r.getStdout().toString(StandardCharsets.UTF_8),
                    r.getStderr().toString(StandardCharsets.UTF_8));
        } catch (CriException e) {
            if (e.getMessage().startsWith("timeout ") || e.code() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                throw new ExecTimeoutException("command timed out after " + seconds + "s");
            }
            throw e;
        }
    }

    @Override
    public int exec(String containerId, List<String> command, StreamIo io, Duration timeout) {
        String url = CriClient.call(() -> cri.runtime().exec(ExecRequest.newBuilder().setContainerId(containerId)
                .addAllCmd(command).setTty(io.tty()).setStdin(io.stdin() != null).setStdout(io.stdout() != null)
                .setStderr(!io.tty() && io.stderr() != null).build())).getUrl();
        try {
            return RemoteStreams.exec(url, io);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void attach(String containerId, StreamIo io) throws InterruptedException {
        String url = CriClient.call(() -> cri.runtime().attach(AttachRequest.newBuilder().setContainerId(containerId)
                .setTty(io.tty()).setStdin(io.stdin() != null).setStdout(io.stdout() != null)
                .setStderr(!io.tty() && io.stderr() != null).build())).getUrl();
        try {
            RemoteStreams.attach(url, io);
        } catch (InterruptedIOException e) {
            throw new InterruptedException("the client left");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void portForward(String sandboxId, int port, InputStream fromClient, OutputStream toClient) throws IOException {
        String url = CriClient.call(() -> cri.runtime().portForward(PortForwardRequest.newBuilder()
                .setPodSandboxId(sandboxId).addPort(port).build())).getUrl();
        RemoteStreams.portForward(url, port, fromClient, toClient);
    }

    private static void ignoreNotFound(Runnable call) {
        try {
            CriClient.call(() -> {
                call.run();
                return null;
            });
        } catch (CriException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        cri.close();
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the containerd runtime: " + e.getMessage(), e);
        }
    }
}
