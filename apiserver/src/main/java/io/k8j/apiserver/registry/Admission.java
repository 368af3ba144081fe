package io.k8j.apiserver.registry;

import java.util.List;

/**
 * A validating admission step on create and update, after the object is defaulted and validated and before
 * it is stored (where kube runs validating admission plugins such as ResourceQuota and PodSecurity). It
 * rejects by throwing an ApiException and may add warnings for the client.
 */
@FunctionalInterface
public interface Admission {
    Admission NONE = request -> { };

    void admit(AdmissionRequest request);

    /** Runs each step in order; the first to reject ends the write. */
    static Admission all(List<Admission> steps) {
        return request -> steps.forEach(step -> step.admit(request));
    }
}
