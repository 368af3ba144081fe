package io.k8j.scheduler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.scheduler.framework.Framework;
import io.k8j.scheduler.framework.Registry;
import io.k8j.scheduler.plugins.DefaultBinder;
import io.k8j.scheduler.plugins.DefaultPreemption;
import io.k8j.scheduler.plugins.InterPodAffinity;
import io.k8j.scheduler.plugins.NodeAffinity;
import io.k8j.scheduler.plugins.NodeName;
import io.k8j.scheduler.plugins.NodePorts;
import io.k8j.scheduler.plugins.NodeResourcesBalancedAllocation;
import io.k8j.scheduler.plugins.NodeResourcesFit;
import io.k8j.scheduler.plugins.NodeResourcesLeastAllocated;
import io.k8j.scheduler.plugins.NodeUnschedulable;
import io.k8j.scheduler.plugins.PodTopologySpread;
import io.k8j.scheduler.plugins.TaintToleration;
import io.k8j.scheduler.plugins.VolumeBinding;
import io.k8j.scheduler.plugins.VolumeLookup;
import io.k8j.scheduler.plugins.ApiPreemptionWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The in-tree registry and the default profile: kube's plugin order and score weights. */
final class DefaultPlugins {
    private DefaultPlugins() {
    }

    /** How long binding a pod waits for the binder to bind its WaitForFirstConsumer claims (kube's bindTimeout is 600 s). */
    static final Duration VOLUME_BIND_TIMEOUT = Duration.ofSeconds(60);

    /** @param self the framework being built, for preemption's dry runs of the filters */
    static Registry<KubernetesClient> registry(VolumeLookup volumes, AtomicReference<Framework> self) {
        return new Registry<KubernetesClient>()
                .register(NodeUnschedulable.NAME, c -> new NodeUnschedulable())
                .register(NodeName.NAME, c -> new NodeName())
                .register(TaintToleration.NAME, c -> new TaintToleration())
                .register(NodeAffinity.NAME, c -> new NodeAffinity())
                .register(NodePorts.NAME, c -> new NodePorts())
                .register(NodeResourcesFit.NAME, c -> new NodeResourcesFit())
                .register(PodTopologySpread.NAME, c -> new PodTopologySpread())
                .register(InterPodAffinity.NAME, c -> new InterPodAffinity())
                .register(NodeResourcesBalancedAllocation.NAME, c -> new NodeResourcesBalancedAllocation())
                .register(NodeResourcesLeastAllocated.NAME, c -> new NodeResourcesLeastAllocated())
                .register(VolumeBinding.NAME, c -> new VolumeBinding(volumes, VOLUME_BIND_TIMEOUT, System::nanoTime))
                .register(DefaultPreemption.NAME, c -> new DefaultPreemption((state, pod, node) -> self.get().runFilters(state, pod, node),
                        new ApiPreemptionWriter(c, ClusterEvents.SCHEDULER_NAME, Clock.systemUTC())))
                .register(DefaultBinder.NAME, DefaultBinder::new);
    }

    /** Filters run in this order, cheapest and most selective first, as kube's default profile. */
    static final List<String> ENABLED = List.of(NodeUnschedulable.NAME, NodeName.NAME, TaintToleration.NAME,
            NodeAffinity.NAME, NodePorts.NAME, NodeResourcesFit.NAME, VolumeBinding.NAME, PodTopologySpread.NAME,
            InterPodAffinity.NAME, NodeResourcesBalancedAllocation.NAME, NodeResourcesLeastAllocated.NAME,
            DefaultPreemption.NAME, DefaultBinder.NAME);

    static final Map<String, Integer> WEIGHTS = Map.of(TaintToleration.NAME, 3, NodeAffinity.NAME, 2,
            PodTopologySpread.NAME, 2, InterPodAffinity.NAME, 2);

    static Framework framework(KubernetesClient client, VolumeLookup volumes) {
        AtomicReference<Framework> self = new AtomicReference<>();
        self.set(registry(volumes, self).build(client, ENABLED, WEIGHTS));
        return self.get();
    }
}
