package io.k8j.apiserver.admission.podsecurity;

import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.Optional;

/** One control of the Pod Security Standards: a pure function of the pod's spec. */
@FunctionalInterface
interface PodCheck {
    Optional<Violation> check(PodSpec spec);
}
