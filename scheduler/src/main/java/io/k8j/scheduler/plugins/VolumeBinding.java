package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.k8j.client.VolumeClaims;
import io.k8j.scheduler.framework.BindPlugin;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PreFilterPlugin;
import io.k8j.scheduler.framework.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Kube's VolumeBinding plugin for pods with PersistentVolumeClaims. PreFilter: every claim exists, and
 * an unbound one must wait for its first consumer (an unbound Immediate claim is the binder's to
 * bind first). Filter: a bound claim's volume must allow the node; a waiting claim needs a free
 * volume there or a class that provisions. Bind (before the default binder, the PreBind of kube):
 * writes the chosen node on waiting claims and waits, bounded, until the binder has bound them.
 */
public final class VolumeBinding implements PreFilterPlugin, FilterPlugin, BindPlugin {
    public static final String NAME = "VolumeBinding";
    static final String UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
    static final String AFFINITY_CONFLICT = "node(s) had volume node affinity conflict";
    static final String NO_VOLUME = "node(s) didn't find available persistent volumes to bind";
    private static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";
    private static final CycleState.Key<Claims> CLAIMS = new CycleState.Key<>(NAME);

    private final VolumeLookup lookup;
    private final Duration bindTimeout;
    private final LongSupplier nanoClock;

    public VolumeBinding(VolumeLookup lookup, Duration bindTimeout, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.bindTimeout = bindTimeout;
        this.nanoClock = nanoClock;
    }

    /** The pod's bound volumes and its claims waiting for a node. */
    record Claims(List<PersistentVolume> bound, List<PersistentVolumeClaim> waiting) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<String> names = claimNames(pod);
        if (names.isEmpty()) {
            return Status.SKIP;
        }
        Claims claims = new Claims(new ArrayList<>(), new ArrayList<>());
        for (String name : names) {
            PersistentVolumeClaim claim = lookup.claim(pod.getMetadata().getNamespace(), name);
            if (claim == null) {
                return Status.unresolvable("persistentvolumeclaim \"" + name + "\" not found");
            }
            if (claim.getMetadata().getDeletionTimestamp() != null) {
                return Status.unresolvable("persistentvolumeclaim \"" + name + "\" is being deleted");
            }
            PersistentVolume pv = isBound(claim) ? lookup.volume(claim.getSpec().getVolumeName()) : null;
            if (pv != null) {
                claims.bound().add(pv);
            } else if (waitsForConsumer(claim)) {
                claims.waiting().add(claim);
            } else {
                return Status.unresolvable(UNBOUND_IMMEDIATE);
            }
        }
        state.write(CLAIMS, claims);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        Claims claims = state.read(CLAIMS);
        Map<String, String> labels = node.node().getMetadata().getLabels() == null ? Map.of() : node.node().getMetadata().getLabels();
        if (!claims.bound().stream().allMatch(pv -> VolumeClaims.allowsNode(pv, labels))) {
            return Status.unresolvable(AFFINITY_CONFLICT);
        }
        for (PersistentVolumeClaim claim : claims.waiting()) {
            boolean provisions = !NO_PROVISIONER.equals(lookup.storageClass(VolumeClaims.className(claim)).getProvisioner());
            if (!provisions && VolumeClaims.bestMatch(claim, lookup.volumes(), pv -> VolumeClaims.allowsNode(pv, labels)).isEmpty()) {
                return Status.unschedulable(NO_VOLUME);
            }
        }
        return Status.SUCCESS;
    }

    /** Never binds the pod itself (SKIP hands over to the default binder) unless its claims cannot be bound. */
    @Override
    public Status bind(Pod pod, String nodeName) {
        long deadline = nanoClock.getAsLong() + bindTimeout.toNanos();
        List<PersistentVolumeClaim> selected = new ArrayList<>();
        for (String name : claimNames(pod)) {
            PersistentVolumeClaim claim = lookup.claim(pod.getMetadata().getNamespace(), name);
            if (claim != null && !isBound(claim) && waitsForConsumer(claim)) {
                if (!nodeName.equals(annotation(claim))) {
                    lookup.selectNode(claim, nodeName);
                }
                selected.add(claim);
            }
        }
        while (!selected.isEmpty()) {
            selected.removeIf(c -> isBound(lookup.claim(c.getMetadata().getNamespace(), c.getMetadata().getName())));
            if (!selected.isEmpty() && nanoClock.getAsLong() > deadline) {
                return Status.error("binding volumes: timed out waiting for the condition");
            }
            if (!selected.isEmpty()) {
                try {
                    Thread.sleep(50); // the binder and provisioner work meanwhile; the cache shows their result
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.error("binding volumes interrupted");
                }
            }
        }
        return Status.SKIP;
    }

    private boolean waitsForConsumer(PersistentVolumeClaim claim) {
        StorageClass sc = lookup.storageClass(VolumeClaims.className(claim));
        return sc != null && "WaitForFirstConsumer".equals(sc.getVolumeBindingMode());
    }

    private static boolean isBound(PersistentVolumeClaim claim) {
        return claim != null && claim.getSpec().getVolumeName() != null && !claim.getSpec().getVolumeName().isEmpty()
                && claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
    }

    private static String annotation(PersistentVolumeClaim claim) {
        Map<String, String> a = claim.getMetadata().getAnnotations();
        return a == null ? null : a.get(VolumeClaims.SELECTED_NODE);
    }

    static List<String> claimNames(Pod pod) {
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        return volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
    }
}
