package io.k8j.apiserver.registry;

import java.util.List;

/**
 * An admission step on create and update. {@link #admit} validates, after the object is defaulted and validated and
 * before it is stored (where kube runs validating admission plugins such as ResourceQuota and PodSecurity);
 * {@link #mutate} may change the object in place after defaulting and before validation (kube's mutating phase).
 * Either rejects by throwing an ApiException and may add warnings for the client.
 */
@FunctionalInterface
public interface Admission {
    Admission NONE = request -> { };

    void admit(AdmissionRequest request);

    default void mutate(AdmissionRequest request) {
    }

    /** Runs each step in order, each phase on its own; the first to reject ends the write. */
    static Admission all(List<Admission> steps) {
        return new Admission() {
            @Override
            public void admit(AdmissionRequest request) {
                steps.forEach(step -> step.admit(request));
            }

            @Override
            public void mutate(AdmissionRequest request) {
                steps.forEach(step -> step.mutate(request));
            }
        };
    }
}
