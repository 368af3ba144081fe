package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.PullAuth;
import io.k8j.kubelet.status.PodStatusInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure a container's image is on the node before it is created, as the kubelet's image manager
 * (EnsureImageExists): imagePullPolicy decides (Always pulls, IfNotPresent pulls what is missing, Never only
 * uses what is there: ErrImageNeverPull); a pull goes through the runtime with each matching imagePullSecret in
 * turn, then anonymously; a failure is ErrImagePull with the runtime's message, after which pulls of that image
 * for that pod wait in ImagePullBackOff (10 s doubling to 5 min from each failure). Events as kube's: Pulling,
 * Pulled (with the time taken, or "already present"), Failed, BackOff, ErrImageNeverPull, "Error: REASON".
 */
final class ImagePuller {
    private final ContainerRuntime runtime;
    private final ConfigSource configs;
    private final RestartBackoff backoff;
    private final ContainerEvents events;
    private final Clock clock;

    ImagePuller(ContainerRuntime runtime, ConfigSource configs, RestartBackoff backoff, ContainerEvents events, Clock clock) {
        this.runtime = runtime;
        this.configs = configs;
        this.backoff = backoff;
        this.events = events;
        this.clock = clock;
    }

    /** The image to create the container from, or why it cannot be yet and when to look again. */
    record Result(Image image, PodStatusInput.Waiting waiting, Duration retry) {
        static Result waiting(String reason, String message, Duration retry) {
            return new Result(null, new PodStatusInput.Waiting(reason, message), retry);
        }
    }

    Result ensure(Pod pod, Container c) {
        Instant start = clock.instant();
        String image = c.getImage();
        Optional<Image> present = runtime.imageStatus(image);
        String policy = runtime.pullsImages() ? policy(c) : "IfNotPresent";
        if (policy.equals("Never") || (policy.equals("IfNotPresent") && present.isPresent())) {
            if (present.isPresent()) {
                if (runtime.pullsImages()) { // a runtime without images pulls nothing, and no event says it did
                    events.alreadyPresent(pod, c);
                }
                return new Result(present.get(), null, null);
            }
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            events.errImageNeverPull(pod, c, message);
            events.failed(pod, c, "ErrImageNeverPull");
            return Result.waiting("ErrImageNeverPull", message, Duration.ofSeconds(10));
        }
        String key = pod.getMetadata().getUid() + "_" + image;
        Duration wait = backoff.remainingSinceUpdate(key);
        if (!wait.isZero()) {
            String message = "Back-off pulling image \"" + image + "\"";
            events.backOffPull(pod, c, message);
            events.failed(pod, c, "ImagePullBackOff");
            return Result.waiting("ImagePullBackOff", message, wait);
        }
        events.pulling(pod, c);
        Instant pullStart = clock.instant();
        try {
            pull(pod, image);
        } catch (RuntimeException e) {
            events.failedPull(pod, c, e.getMessage());
            backoff.restarted(key);
            events.failed(pod, c, "ErrImagePull");
            return Result.waiting("ErrImagePull", e.getMessage(), Duration.ofSeconds(1));
        }
        Image pulled = runtime.imageStatus(image)
                .orElseThrow(() -> new IllegalStateException("image " + image + " is missing right after its pull"));
        Instant end = clock.instant();
        events.pulled(pod, c, Duration.between(pullStart, end), Duration.between(start, end), pulled.size());
        return new Result(pulled, null, null);
    }

    /** With each matching credential until one works (the last failure is what is reported), else anonymously. */
    private void pull(Pod pod, String image) {
        List<PullAuth> credentials = PullSecrets.credentials(pod, image, configs);
        if (credentials.isEmpty()) {
            runtime.pullImage(image, null);
            return;
        }
        RuntimeException last = null;
        for (PullAuth auth : credentials) {
            try {
                runtime.pullImage(image, auth);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The pod's imagePullPolicy, or the API server's default for it: Always for :latest or no tag. */
    static String policy(Container c) {
        if (c.getImagePullPolicy() != null && !c.getImagePullPolicy().isEmpty()) {
            return c.getImagePullPolicy();
        }
        String name = c.getImage().split("@")[0];
        int colon = name.lastIndexOf(':');
        boolean tagged = colon > name.lastIndexOf('/');
        return c.getImage().contains("@") || (tagged && !name.endsWith(":latest")) ? "IfNotPresent" : "Always";
    }
}
