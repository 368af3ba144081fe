package io.k8j.kubelet.server;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why the node has no log to serve for a container the runtime holds no (previous) attempt of, in the
 * kubelet's words: validateContainerLogStatus, from the container's status in the pod. Most answers are a 400;
 * one the status names but the runtime lost is kube's 200 with "unable to retrieve container logs for ID"
 * (the runtime's failure comes after the kubelet started its answer).
 */
final class LogAvailability {
    record Answer(int code, String text) {
    }

    private LogAvailability() {
    }

    static Answer of(Pod pod, String container, boolean previous) {
        String podName = pod.getMetadata().getName();
        String subject = "container \"" + container + "\" in pod \"" + podName + "\"";
        Optional<ContainerStatus> found = statuses(pod.getStatus()).filter(s -> container.equals(s.getName())).findFirst();
        if (found.isEmpty()) {
            return error(subject + " is not available");
        }
        ContainerStatus s = found.get();
        ContainerStateTerminated last = terminated(s.getLastState());
        ContainerStateTerminated now = terminated(s.getState());
        if (previous) {
            return last == null || empty(last.getContainerID())
                    ? error("previous terminated " + subject + " not found") : lost(last.getContainerID());
        }
        if (s.getState() != null && s.getState().getRunning() != null) {
            return lost(s.getContainerID());
        }
        if (now != null || last != null) {
            String id = now != null && !empty(now.getContainerID()) ? now.getContainerID()
                    : last != null ? last.getContainerID() : null;
            return empty(id) ? error(subject + " is terminated") : lost(id);
        }
        if (s.getState() != null && s.getState().getWaiting() != null) {
            String reason = s.getState().getWaiting().getReason();
            return error(subject + " is waiting to start: " + switch (String.valueOf(reason)) {
                case "ErrImagePull" -> "image can't be pulled";
                case "ImagePullBackOff" -> "trying and failing to pull image";
                default -> reason;
            });
        }
        return error(subject + " is waiting to start - no logs yet");
    }

    private static Stream<ContainerStatus> statuses(PodStatus status) {
        if (status == null) {
            return Stream.empty();
        }
        return Stream.of(status.getContainerStatuses(), status.getInitContainerStatuses(),
                status.getEphemeralContainerStatuses()).filter(Objects::nonNull).flatMap(List::stream);
    }

    private static ContainerStateTerminated terminated(ContainerState state) {
        return state == null ? null : state.getTerminated();
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static Answer error(String text) {
        return new Answer(400, text);
    }

    private static Answer lost(String containerId) {
        return new Answer(200, "unable to retrieve container logs for " + containerId);
    }
}
