package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.client.EventSink;
import io.k8j.kubelet.status.ActiveDeadline;

/**
 * The Events the kubelet records about a pod's containers, with upstream's reasons and messages (kubelet's
 * events package, kuberuntime's startContainer/killContainer, the prober), each about the pod with the
 * container's fieldPath, as kube's GenerateContainerRef; and FailedMount, about the pod itself.
 */
public final class ContainerEvents {
    /** Hollow nodes record nothing: thousands of them would flood the API server. */
    public static final ContainerEvents NONE = new ContainerEvents(EventSink.NONE);

    private final EventSink sink;

    public ContainerEvents(EventSink sink) {
        this.sink = sink;
    }

    void alreadyPresent(Pod pod, Container c) {
        normal(pod, c, "Pulled", "Container image \"" + c.getImage() + "\" already present on machine");
    }

    void pulling(Pod pod, Container c) {
        normal(pod, c, "Pulling", "Pulling image \"" + c.getImage() + "\"");
    }

    /** {@code took}: the pull; {@code total}: with the wait before it (kube's message, Go durations). */
    void pulled(Pod pod, Container c, java.time.Duration took, java.time.Duration total, long size) {
        normal(pod, c, "Pulled", "Successfully pulled image \"" + c.getImage() + "\" in " + GoDurations.format(took)
                + " (" + GoDurations.format(total) + " including waiting). Image size: " + size + " bytes.");
    }

    void failedPull(Pod pod, Container c, String error) {
        warning(pod, c, "Failed", "Failed to pull image \"" + c.getImage() + "\": " + error);
    }

    void backOffPull(Pod pod, Container c, String message) {
        normal(pod, c, "BackOff", message);
    }

    void errImageNeverPull(Pod pod, Container c, String message) {
        warning(pod, c, "ErrImageNeverPull", message);
    }

    void created(Pod pod, Container c) {
        normal(pod, c, "Created", "Created container: " + c.getName());
    }

    void started(Pod pod, Container c) {
        normal(pod, c, "Started", "Started container " + c.getName());
    }

    /** A container that could not be created or started. */
    void failed(Pod pod, Container c, String error) {
        warning(pod, c, "Failed", "Error: " + error);
    }

    /** {@code why}: null when the pod is being deleted, else the kubelet's reason for killing it. */
    void killing(Pod pod, Container c, String why) {
        normal(pod, c, "Killing", why == null ? "Stopping container " + c.getName() : why);
    }

    void backOff(Pod pod, Container c) {
        warning(pod, c, "BackOff", "Back-off restarting failed container " + c.getName() + " in pod " + describe(pod));
    }

    /** Without the hook's output, as the kubelet: it may hold secrets, and Events are readable by many. */
    void failedPostStartHook(Pod pod, Container c) {
        warning(pod, c, "FailedPostStartHook", "PostStartHook failed");
    }

    void failedPreStopHook(Pod pod, Container c) {
        warning(pod, c, "FailedPreStopHook", "PreStopHook failed");
    }

    /** About the pod itself, not one container: a volume could not be set up. */
    void failedMount(Pod pod, String message) {
        sink.record(podReference(pod).build(), "Warning", "FailedMount", message);
    }

    /** The kubelet would not admit the pod (kube's rejectPod), e.g. for a forbidden sysctl. */
    void rejected(Pod pod, String reason, String message) {
        sink.record(podReference(pod).build(), "Warning", reason, message);
    }

    /** The kubelet evicted the pod (kube's eviction manager), e.g. for an emptyDir over its sizeLimit. */
    void evicted(Pod pod, String message) {
        sink.record(podReference(pod).build(), "Warning", EmptyDirLimits.REASON, message);
    }

    /** The pod ran past its activeDeadlineSeconds (a Normal event, as the kubelet's activeDeadlineHandler). */
    void deadlineExceeded(Pod pod) {
        sink.record(podReference(pod).build(), "Normal", ActiveDeadline.REASON, ActiveDeadline.MESSAGE);
    }

    /** {@code probe} is Liveness, Readiness or Startup; {@code output} what the failed probe said. */
    public void unhealthy(Pod pod, Container c, String probe, String output) {
        warning(pod, c, "Unhealthy", probe + " probe failed: " + output);
    }

    /** kube's format.Pod: NAME_NAMESPACE(UID), with "_" as it cannot occur in a pod's name. */
    static String describe(Pod pod) {
        var m = pod.getMetadata();
        return m.getName() + "_" + m.getNamespace() + "(" + m.getUid() + ")";
    }

    static ObjectReference reference(Pod pod, Container c) {
        boolean init = pod.getSpec().getInitContainers().stream().anyMatch(i -> i.getName().equals(c.getName()));
        String list = init ? "initContainers" : EphemeralContainers.isEphemeral(pod.getSpec(), c.getName())
                ? "ephemeralContainers" : "containers";
        return podReference(pod).withFieldPath("spec." + list + "{" + c.getName() + "}").build();
    }

    private static ObjectReferenceBuilder podReference(Pod pod) {
        var m = pod.getMetadata();
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(m.getNamespace())
                .withName(m.getName()).withUid(m.getUid()).withResourceVersion(m.getResourceVersion());
    }

    private void normal(Pod pod, Container c, String reason, String message) {
        sink.record(reference(pod, c), "Normal", reason, message);
    }

    private void warning(Pod pod, Container c, String reason, String message) {
        sink.record(reference(pod, c), "Warning", reason, message);
    }
}
