package io.k8j.kubelet.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container runtime in the shape of the CRI (k8s.io/cri-api runtime.v1 RuntimeService and ImageService),
 * so that a containerd implementation over gRPC maps method for method. Ids are opaque runtime strings.
 * Methods throw {@link RuntimeException} (e.g. {@link IllegalStateException} for an unknown id) on failure;
 * the kubelet retries level-triggered. Streaming exec, attach and port-forward take the node server's streams
 * directly (the CRI returns a URL of the runtime's streaming server instead, which the kubelet proxies).
 *
 * <p><b>Restarts.</b> Containers outlive the kubelet, as with containerd: {@link #close} lets go of the runtime and
 * leaves sandboxes and containers running, and a runtime made later for the same node reports, through
 * {@link #listPodSandboxes} and {@link #listContainers}, everything an earlier one made and did not remove:
 * sandboxes with the {@link SandboxConfig} they were run with (pod name, namespace, uid, attempt, labels, log
 * directory) and their IP, containers with their name, attempt, labels ({@code io.kubernetes.pod.*},
 * {@code io.kubernetes.container.name}), state, exit code and created/started/finished times, as they are now (a
 * container that ended meanwhile is EXITED). A CRI runtime recovers these from the CRI's metadata and labels.
 * The kubelet reconciles them with its pods at start: it adopts what belongs to a pod bound to its node and
 * stops and removes the rest. Stopping everything is an explicit act ({@code k8j killall}). The simulated runtime,
 * whose containers live in its memory only, is the exception: a new instance starts empty.
 */
public interface ContainerRuntime extends AutoCloseable {
    /** CRI Version: e.g. "process" or "simulated"; the node reports {@code name://version}. */
    String name();

    String version();

    /**
     * Whether a single file can be bind-mounted into a container (kube's SupportsSingleFileMapping): then the
     * kubelet mounts the pod's managed /etc/hosts. The process runtime maps no paths at all.
     */
    default boolean supportsSingleFileMapping() {
        return false;
    }

    /** RunPodSandbox: the pod's network identity (an IP) and shared directories; returns the sandbox id. */
    String runPodSandbox(SandboxConfig config);

    /** StopPodSandbox: stops every container in the sandbox (forcibly) and releases its IP. Idempotent. */
    void stopPodSandbox(String sandboxId);

    /** RemovePodSandbox: forgets a stopped sandbox and its containers. Idempotent. */
    void removePodSandbox(String sandboxId);

    Optional<SandboxStatus> podSandboxStatus(String sandboxId);

    List<SandboxStatus> listPodSandboxes();

    /**
     * CreateContainer: prepares a container in a ready sandbox; returns the container id (state CREATED).
     * {@code sandbox} is the sandbox's config, as the kubelet generates it from the pod (CRI passes it again).
     */
    String createContainer(String sandboxId, SandboxConfig sandbox, ContainerConfig config);

    /** StartContainer: CREATED -> RUNNING; a start failure leaves it EXITED with a reason. */
    void startContainer(String containerId);

    /** StopContainer: SIGTERM, then SIGKILL after {@code timeout}; returns once it has exited. Idempotent. */
    void stopContainer(String containerId, Duration timeout);

    void removeContainer(String containerId);

    Optional<ContainerStatus> containerStatus(String containerId);

    /** ListContainers, optionally of one sandbox (null for all). */
    List<ContainerStatus> listContainers(String sandboxId);

    /**
     * PullImage, with registry credentials or anonymously ({@code auth} null): returns the image reference (the
     * imageID a pod status shows); throws with the runtime's message when the pull fails.
     */
    String pullImage(String image, PullAuth auth);

    /**
     * Whether images are pulled and stored at all: the process and simulated runtimes run none, so for them
     * every image is present and imagePullPolicy has nothing to decide.
     */
    default boolean pullsImages() {
        return true;
    }

    /** ImageStatus: the image when present. */
    Optional<Image> imageStatus(String image);

    /** ListImages: what the node has, for its status. */
    List<Image> listImages();

    /**
     * Exec: runs {@code command} inside a running container with the given streams and returns its exit
     * code; gives up (killing the command) after {@code timeout}.
     */
    int exec(String containerId, List<String> command, StreamIo io, Duration timeout);

    /**
     * Attach: connects the streams to the running container's own stdin and output (from now on) and
     * returns when the container exits or the calling thread is interrupted (the client left).
     */
    void attach(String containerId, StreamIo io) throws InterruptedException;

    /**
     * PortForward: connects {@code fromClient}/{@code toClient} to TCP {@code port} of the sandbox's network
     * and returns when both directions have ended; throws when the port cannot be reached.
     */
    void portForward(String sandboxId, int port, InputStream fromClient, OutputStream toClient) throws IOException;

    /** ExecSync: exec with captured output, what exec probes use. */
    default ExecResult execSync(String containerId, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = exec(containerId, command, StreamIo.pipes(null, out, err), timeout);
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Releases the runtime's own resources (threads, connections); sandboxes and containers keep running. */
    @Override
    void close();

    /**
     * False when containers share the host's network with no service proxy in front of cluster IPs (the process
     * runtime): their KUBERNETES_SERVICE_HOST is then the API server's own address, not the service's cluster IP.
     */
    default boolean reachesClusterIps() {
        return true;
    }

    /**
     * True when pods get addresses from the node's spec.podCIDR, which the runtime must then be given
     * ({@link #updatePodCidr}, kube's UpdatePodCIDR) before a sandbox can have a network.
     */
    default boolean needsPodCidr() {
        return false;
    }

    /** The node's pod CIDR, once the node IPAM controller has assigned it (it never changes afterwards). */
    default void updatePodCidr(String cidr) {
    }
}
