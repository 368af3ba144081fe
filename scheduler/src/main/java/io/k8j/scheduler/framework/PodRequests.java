package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;

/** What a pod asks of a node, by kube's rules (resourcehelper.PodRequests). */
public final class PodRequests {
    /** Requests assumed for scoring when a container names none, so empty pods still spread (kube's defaults). */
    public static final long DEFAULT_MILLI_CPU = 100;
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /**
     * Sum over app containers, raised to the largest init container (they run one at a time, before the
     * app containers; restartable "sidecar" init containers keep running and so add up), plus overhead.
     */
    public static Resource of(Pod pod) {
        PodSpec spec = pod.getSpec();
        Resource total = new Resource();
        for (Container c : list(spec.getContainers())) {
            total.add(requests(c));
        }
        Resource sidecars = new Resource();
        Resource initMax = new Resource();
        for (Container c : list(spec.getInitContainers())) {
            Resource r = requests(c);
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars.add(r);
                initMax.setMax(sidecars);
            } else {
                Resource running = sidecars.copy();
                running.add(r);
                initMax.setMax(running);
            }
        }
        total.add(sidecars);
        total.setMax(initMax);
        if (spec.getOverhead() != null) {
            total.add(Resource.of(spec.getOverhead()));
        }
        return total;
    }

    /** Cpu and memory with the scoring defaults for containers that request none. */
    public static Resource nonZero(Pod pod) {
        Resource total = new Resource();
        for (Container c : list(pod.getSpec().getContainers())) {
            Resource r = requests(c);
            total.milliCpu += r.milliCpu == 0 ? DEFAULT_MILLI_CPU : r.milliCpu;
            total.memory += r.memory == 0 ? DEFAULT_MEMORY : r.memory;
        }
        return total;
    }

    private static Resource requests(Container c) {
        return c.getResources() == null ? new Resource() : Resource.of(c.getResources().getRequests());
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
