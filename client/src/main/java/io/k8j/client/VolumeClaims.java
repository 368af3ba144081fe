package io.k8j.client;

import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which PersistentVolume can serve a claim, as kube's persistentvolume controller matches them
 * (findMatchingVolume): shared by the binder in the controller manager and the scheduler's
 * VolumeBinding plugin, so that both agree on what "a volume fits" means.
 */
public final class VolumeClaims {
    /** Set by the scheduler on a WaitForFirstConsumer claim: the node its first pod goes to. */
    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    private static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

    private VolumeClaims() {
    }

    /** The claim's class; the beta annotation still wins over spec.storageClassName, as in kube's helpers. */
    public static String className(PersistentVolumeClaim claim) {
        Map<String, String> a = claim.getMetadata().getAnnotations();
        if (a != null && a.containsKey(BETA_CLASS)) {
            return a.get(BETA_CLASS);
        }
        String name = claim.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    public static String className(PersistentVolume pv) {
        String name = pv.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    /** Whether {@code pv}'s claimRef names this very claim (by uid once the binder has written one). */
    public static boolean claimRefersTo(PersistentVolume pv, PersistentVolumeClaim claim) {
        ObjectReference ref = pv.getSpec().getClaimRef();
        return ref != null && claim.getMetadata().getName().equals(ref.getName())
                && claim.getMetadata().getNamespace().equals(ref.getNamespace())
                && (ref.getUid() == null || ref.getUid().isEmpty() || ref.getUid().equals(claim.getMetadata().getUid()));
    }

    /**
     * The volume to bind {@code claim} to: one pre-bound to it (claimRef or spec.volumeName) if it fits,
     * else the smallest unclaimed volume of the claim's class with its access modes, volume mode,
     * enough capacity and matching labels; {@code nodeFits} narrows by node (for delayed binding).
     */
    public static Optional<PersistentVolume> bestMatch(PersistentVolumeClaim claim, Collection<PersistentVolume> volumes,
                                                       Predicate<PersistentVolume> nodeFits) {
        String wanted = claim.getSpec().getVolumeName();
        List<PersistentVolume> fitting = volumes.stream()
                .filter(pv -> pv.getMetadata().getDeletionTimestamp() == null)
                .filter(pv -> wanted == null || wanted.isEmpty() || wanted.equals(pv.getMetadata().getName()))
                .filter(pv -> pv.getSpec().getClaimRef() == null || claimRefersTo(pv, claim))
                .filter(pv -> fits(claim, pv) && nodeFits.test(pv)).toList();
        return fitting.stream().filter(pv -> claimRefersTo(pv, claim)).findFirst()
                .or(() -> fitting.stream().min(Comparator.comparing(VolumeClaims::capacity)));
    }

    static boolean fits(PersistentVolumeClaim claim, PersistentVolume pv) {
        List<String> modes = claim.getSpec().getAccessModes() == null ? List.of() : claim.getSpec().getAccessModes();
        List<String> offered = pv.getSpec().getAccessModes() == null ? List.of() : pv.getSpec().getAccessModes();
        return className(claim).equals(className(pv)) && offered.containsAll(modes)
                && volumeMode(claim.getSpec().getVolumeMode()).equals(volumeMode(pv.getSpec().getVolumeMode()))
                && capacity(pv).compareTo(request(claim)) >= 0
                && (claim.getSpec().getSelector() == null
                || LabelSelectors.matches(claim.getSpec().getSelector(), pv.getMetadata().getLabels()));
    }

    /** Whether the volume's required node affinity admits a node with these labels (no affinity: any node). */
    public static boolean allowsNode(PersistentVolume pv, Map<String, String> nodeLabels) {
        if (pv.getSpec().getNodeAffinity() == null || pv.getSpec().getNodeAffinity().getRequired() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms();
        return terms != null && terms.stream().anyMatch(t -> t.getMatchExpressions() != null
                && t.getMatchExpressions().stream().allMatch(r -> NodeSelectors.matches(r, nodeLabels)));
    }

    public static BigDecimal request(PersistentVolumeClaim claim) {
        var r = claim.getSpec().getResources();
        Quantity q = r == null || r.getRequests() == null ? null : r.getRequests().get("storage");
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    static BigDecimal capacity(PersistentVolume pv) {
        Quantity q = pv.getSpec().getCapacity() == null ? null : pv.getSpec().getCapacity().get("storage");
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    private static String volumeMode(String mode) {
        return mode == null || mode.isEmpty() ? "Filesystem" : mode;
    }
}
