package io.k8j.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.k8j.api.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.k8j.apiserver.admission.podsecurity.BaselineChecks.added;
import static io.k8j.apiserver.admission.podsecurity.BaselineChecks.violation;
import static io.k8j.apiserver.admission.podsecurity.ContainerView.failing;
import static io.k8j.apiserver.admission.podsecurity.ContainerView.nullToEmpty;
import static io.k8j.apiserver.admission.podsecurity.Phrases.containers;
import static io.k8j.apiserver.admission.podsecurity.Phrases.joinQuote;
import static io.k8j.apiserver.admission.podsecurity.Phrases.pluralize;

/** The restricted level's controls: current pod hardening practice, on top of baseline. */
final class RestrictedChecks {
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedChecks() {
    }

    static Optional<Violation> allowPrivilegeEscalation(PodSpec spec) {
        List<String> bad = failing(spec, SecurityContext::getAllowPrivilegeEscalation, v -> !Boolean.FALSE.equals(v));
        return violation(!bad.isEmpty(), "allowPrivilegeEscalation != false",
                containers(bad) + " must set securityContext.allowPrivilegeEscalation=false");
    }

    static Optional<Violation> capabilities(PodSpec spec) {
        List<String> missingDrop = failing(spec, SecurityContext::getCapabilities,
                caps -> caps == null || !nullToEmpty(caps.getDrop()).contains("ALL"));
        Set<String> forbidden = new TreeSet<>();
        List<String> adding = failing(spec, SecurityContext::getCapabilities, caps -> {
            List<String> beyond = added(caps).stream().filter(c -> !c.equals("NET_BIND_SERVICE")).toList();
            forbidden.addAll(beyond);
            return !beyond.isEmpty();
        });
        List<String> details = new ArrayList<>();
        if (!missingDrop.isEmpty()) {
            details.add(containers(missingDrop) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (!adding.isEmpty()) {
            details.add(containers(adding) + " must not include " + joinQuote(forbidden) + " in securityContext.capabilities.add");
        }
        return violation(!details.isEmpty(), "unrestricted capabilities", String.join("; ", details));
    }

    static Optional<Violation> volumeTypes(PodSpec spec) {
        List<String> names = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (Volume volume : nullToEmpty(spec.getVolumes())) {
            String source = sourceOf(volume);
            if (!ALLOWED_VOLUMES.contains(source)) {
                names.add(volume.getName());
                types.add(source);
            }
        }
        return violation(!names.isEmpty(), "restricted volume types",
                pluralize("volume", "volumes", names.size()) + " " + joinQuote(names) + " "
                        + pluralize("uses", "use", names.size()) + " restricted volume "
                        + pluralize("type", "types", types.size()) + " " + joinQuote(types));
    }

    /** The name of the volume's source field ("hostPath", "nfs", …). */
    private static String sourceOf(Volume volume) {
        JsonNode json = Json.MAPPER.valueToTree(volume);
        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("name") && !json.get(field).isNull()) {
                return field;
            }
        }
        return "";
    }

    static Optional<Violation> runAsNonRoot(PodSpec spec) {
        PodSecurityContext pod = spec.getSecurityContext();
        Boolean podValue = pod == null ? null : pod.getRunAsNonRoot();
        return podOrContainers(spec, podValue, SecurityContext::getRunAsNonRoot, Boolean.FALSE::equals, "runAsNonRoot != true",
                () -> " must not set securityContext.runAsNonRoot=false", " must set securityContext.runAsNonRoot=true");
    }

    static Optional<Violation> runAsUser(PodSpec spec) {
        List<String> setters = new ArrayList<>();
        PodSecurityContext pod = spec.getSecurityContext();
        if (pod != null && Long.valueOf(0).equals(pod.getRunAsUser())) {
            setters.add("pod");
        }
        List<String> bad = failing(spec, SecurityContext::getRunAsUser, Long.valueOf(0)::equals);
        if (!bad.isEmpty()) {
            setters.add(containers(bad));
        }
        return violation(!setters.isEmpty(), "runAsUser=0", String.join(" and ", setters) + " must not set runAsUser=0");
    }

    static Optional<Violation> seccompProfile(PodSpec spec) {
        PodSecurityContext pod = spec.getSecurityContext();
        String podType = pod == null || pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType();
        Set<String> badTypes = new TreeSet<>();
        Predicate<String> invalid = type -> {
            boolean bad = !"RuntimeDefault".equals(type) && !"Localhost".equals(type);
            if (bad) {
                badTypes.add(String.valueOf(type));
            }
            return bad;
        };
        Function<SecurityContext, String> containerType = sc -> sc.getSeccompProfile() == null ? null
                : sc.getSeccompProfile().getType();
        return podOrContainers(spec, podType, containerType, invalid, "seccompProfile",
                () -> " must not set securityContext.seccompProfile.type to " + joinQuote(badTypes),
                " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
    }

    /**
     * kube's shape for a setting that the pod may set for all its containers: explicit bad values (pod or
     * containers) are named first; otherwise containers that neither set it nor inherit a good pod value.
     */
    private static <T> Optional<Violation> podOrContainers(PodSpec spec, T podValue, Function<SecurityContext, T> value,
                                                           Predicate<T> badValue, String reason,
                                                           Supplier<String> explicitDetail,
                                                           String missingDetail) {
        List<String> setters = new ArrayList<>();
        if (podValue != null && badValue.test(podValue)) {
            setters.add("pod");
        }
        boolean podGood = podValue != null && !setters.contains("pod");
        List<String> explicit = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ContainerView c : ContainerView.of(spec)) {
            T own = c.securityContext() == null ? null : value.apply(c.securityContext());
            if (own != null && badValue.test(own)) {
                explicit.add(c.name());
            } else if (own == null && !podGood) {
                missing.add(c.name());
            }
        }
        if (!explicit.isEmpty()) {
            setters.add(containers(explicit));
        }
        if (!setters.isEmpty()) {
            return Optional.of(new Violation(reason, String.join(" and ", setters) + explicitDetail.get()));
        }
        return violation(!missing.isEmpty(), reason, "pod or " + containers(missing) + missingDetail);
    }
}
