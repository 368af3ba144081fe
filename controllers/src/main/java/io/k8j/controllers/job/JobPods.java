package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.k8j.client.OwnerRefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Job's pods: the template plus the tracking finalizer and a controller reference; an Indexed Job's pod
 * also carries its completion index (annotation, label, JOB_COMPLETION_INDEX, hostname) as kube's does.
 */
final class JobPods {
    static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    static final String INDEX_KEY = "batch.kubernetes.io/job-completion-index";
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

    private JobPods() {
    }

    /** A new pod for {@code job}; {@code index} is null for NonIndexed Jobs. */
    static Pod podFor(Job job, Integer index) {
        ObjectMeta template = job.getSpec().getTemplate().getMetadata() == null ? new ObjectMeta()
                : job.getSpec().getTemplate().getMetadata();
        Map<String, String> labels = copy(template.getLabels());
        Map<String, String> annotations = copy(template.getAnnotations());
        List<String> finalizers = new ArrayList<>(template.getFinalizers() == null ? List.of() : template.getFinalizers());
        finalizers.add(TRACKING_FINALIZER);
        String prefix = job.getMetadata().getName() + "-";
        PodSpec spec = job.getSpec().getTemplate().getSpec();
        if (index != null) {
            labels.put(INDEX_KEY, index.toString());
            annotations.put(INDEX_KEY, index.toString());
            prefix = prefix + index + "-";
            spec = withIndex(spec, job.getMetadata().getName(), index);
        }
        return new PodBuilder()
                .withNewMetadata().withGenerateName(prefix).withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations.isEmpty() ? null : annotations)
                .withFinalizers(finalizers)
                .withOwnerReferences(List.of(OwnerRefs.controllerRef(job))).endMetadata()
                .withSpec(spec).build();
    }

    /** The pod's completion index, or null when it has none (NonIndexed, or a malformed annotation). */
    static Integer indexOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(INDEX_KEY);
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    static boolean hasTrackingFinalizer(Pod pod) {
        List<String> f = pod.getMetadata().getFinalizers();
        return f != null && f.contains(TRACKING_FINALIZER);
    }

    private static PodSpec withIndex(PodSpec spec, String jobName, int index) {
        EnvVar env = new EnvVarBuilder().withName(INDEX_ENV).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + INDEX_KEY + "']").endFieldRef().endValueFrom().build();
        PodSpecBuilder b = new PodSpecBuilder(spec).withContainers(spec.getContainers().stream().map(c -> addEnv(c, env)).toList());
        if (spec.getInitContainers() != null) {
            b.withInitContainers(spec.getInitContainers().stream().map(c -> addEnv(c, env)).toList());
        }
        if (spec.getHostname() == null) {
            b.withHostname(jobName + "-" + index);
        }
        return b.build();
    }

    private static Container addEnv(Container c, EnvVar env) {
        return new ContainerBuilder(c).addToEnv(env).build();
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
    }
}
