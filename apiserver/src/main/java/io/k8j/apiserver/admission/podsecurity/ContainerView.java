package io.k8j.apiserver.admission.podsecurity;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** What the checks read of a container, the same for init, regular and ephemeral containers. */
record ContainerView(String name, SecurityContext securityContext, List<ContainerPort> ports) {

    /** Every container of the pod in kube's visiting order: init, regular, ephemeral. */
    static List<ContainerView> of(PodSpec spec) {
        List<ContainerView> all = new ArrayList<>();
        nullToEmpty(spec.getInitContainers()).forEach(c -> all.add(new ContainerView(c.getName(), c.getSecurityContext(), c.getPorts())));
        nullToEmpty(spec.getContainers()).forEach(c -> all.add(new ContainerView(c.getName(), c.getSecurityContext(), c.getPorts())));
        nullToEmpty(spec.getEphemeralContainers()).forEach(c -> all.add(new ContainerView(c.getName(), c.getSecurityContext(), c.getPorts())));
        return all;
    }

    /** Names of the containers whose security context value (possibly null) fails {@code bad}. */
    static <T> List<String> failing(PodSpec spec, Function<SecurityContext, T> value, Predicate<T> bad) {
        return of(spec).stream()
                .filter(c -> bad.test(c.securityContext() == null ? null : value.apply(c.securityContext())))
                .map(ContainerView::name).toList();
    }

    static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
