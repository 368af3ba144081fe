package io.k8j.kubelet.pod;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;

/**
 * A pod's ephemeral containers (`kubectl debug`), which the kubelet runs as containers of the pod's sandbox, as kube
 * treats an EphemeralContainerCommon as a Container. They are started once, whether or not the pod has finished
 * initializing, and never restarted; they have no probes, lifecycle hooks or ports, and count for neither the
 * pod's phase nor its readiness. targetContainerName (sharing the target's process namespace) is not honoured:
 * the process runtime has no namespaces to share, so every process sees the host's anyway.
 */
public final class EphemeralContainers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EphemeralContainers() {
    }

    /** The pod's ephemeral containers as Containers, in spec order. */
    public static List<Container> of(PodSpec spec) {
        return spec.getEphemeralContainers().stream().map(EphemeralContainers::asContainer).toList();
    }

    static boolean isEphemeral(PodSpec spec, String name) {
        return spec.getEphemeralContainers().stream().anyMatch(e -> e.getName().equals(name));
    }

    private static Container asContainer(EphemeralContainer e) {
        Container c = JSON.convertValue(e, Container.class);
        c.getAdditionalProperties().remove("targetContainerName");
        return c;
    }
}
