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
 */
public interface ContainerRuntime extends AutoCloseable {
    /** CRI Version: e.g. "process" or "simulated"; the node reports {@code name://version}. */
    String name();

    String version();

    /** RunPodSandbox: the pod's network identity (an IP) and shared directories; returns the sandbox id. */
    String runPodSandbox(SandboxConfig config);

    /** StopPodSandbox: stops every container in the sandbox (forcibly) and releases its IP. Idempotent. */
    void stopPodSandbox(String sandboxId);

    /** RemovePodSandbox: forgets a stopped sandbox and its containers. Idempotent. */
    void removePodSandbox(String sandboxId);

    Optional<SandboxStatus> podSandboxStatus(String sandboxId);

    List<SandboxStatus> listPodSandboxes();

    /** CreateContainer: prepares a container in a ready sandbox; returns the container id (state CREATED). */
    String createContainer(String sandboxId, ContainerConfig config);

    /** StartContainer: CREATED -> RUNNING; a start failure leaves it EXITED with a reason. */
    void startContainer(String containerId);

    /** StopContainer: SIGTERM, then SIGKILL after {@code timeout}; returns once it has exited. Idempotent. */
    void stopContainer(String containerId, Duration timeout);

    void removeContainer(String containerId);

    Optional<ContainerStatus> containerStatus(String containerId);

    /** ListContainers, optionally of one sandbox (null for all). */
    List<ContainerStatus> listContainers(String sandboxId);

    /** PullImage: returns the image reference (the imageID a pod status shows). */
    String pullImage(String image);

    /** ImageStatus: the image reference when present. */
    Optional<String> imageStatus(String image);

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

    @Override
    void close();

    /**
     * False when containers share the host's network with no service proxy in front of cluster IPs (the process
     * runtime): their KUBERNETES_SERVICE_HOST is then the API server's own address, not the service's cluster IP.
     */
    default boolean reachesClusterIps() {
        return true;
    }
}
