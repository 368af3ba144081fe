package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.present;
import static io.k8j.apiserver.table.Fields.text;

/** PersistentVolumes, PersistentVolumeClaims and StorageClasses. */
final class StoragePrinters {
    /** The beta annotation still wins over spec.storageClassName, as in kube's helpers. */
    private static final String CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
    private static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    private static final String BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";
    private static final Column VOLUME_MODE = Column.wide("VolumeMode", "Block or Filesystem.");

    private StoragePrinters() {
    }

    static RowPrinter persistentVolumes() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Capacity", "The storage capacity of the volume."),
                Column.string("Access Modes", "The ways the volume can be mounted."),
                Column.string("Reclaim Policy", "What happens to the volume when released from its claim."),
                Column.string("Status", "The phase of the volume."),
                Column.string("Claim", "The claim bound to this volume."),
                Column.string("StorageClass", "StorageClass of the pv"),
                Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
                Column.string("Reason", "Why the volume is in this phase."),
                Column.AGE, VOLUME_MODE), (pv, now) -> {
            JsonNode claim = at(pv, "spec", "claimRef");
            String claimName = present(claim) ? text(claim, "namespace") + "/" + text(claim, "name") : "";
            return List.of(text(pv, "metadata", "name"), quantity(at(pv, "spec", "capacity", "storage")),
                    accessModes(at(pv, "spec", "accessModes")), text(pv, "spec", "persistentVolumeReclaimPolicy"),
                    phase(pv), claimName, storageClass(pv), unsetIfMissing(at(pv, "spec", "volumeAttributesClassName")),
                    text(pv, "status", "reason"), Fields.age(pv, now), unsetIfMissing(at(pv, "spec", "volumeMode")));
        });
    }

    static RowPrinter persistentVolumeClaims() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Status", "The phase of the claim."),
                Column.string("Volume", "The volume bound to this claim."),
                Column.string("Capacity", "The capacity of the bound volume."),
                Column.string("Access Modes", "The access modes of the bound volume."),
                Column.string("StorageClass", "StorageClass of the pvc"),
                Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
                Column.AGE, VOLUME_MODE), (pvc, now) -> {
            String volume = text(pvc, "spec", "volumeName");
            // Capacity and modes are only shown once bound, from the status.
            boolean bound = !volume.isEmpty();
            return List.of(text(pvc, "metadata", "name"), phase(pvc), volume,
                    bound ? quantity(at(pvc, "status", "capacity", "storage")) : "",
                    bound ? accessModes(at(pvc, "status", "accessModes")) : "", storageClass(pvc),
                    unsetIfMissing(at(pvc, "spec", "volumeAttributesClassName")), Fields.age(pvc, now),
                    unsetIfMissing(at(pvc, "spec", "volumeMode")));
        });
    }

    /** The default class's name reads "NAME (default)", as kube's printer marks it. */
    static RowPrinter storageClasses() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Provisioner", "Provisioner indicates the type of the provisioner."),
                Column.string("ReclaimPolicy", "Dynamically provisioned PersistentVolumes of this storage class are created with this reclaimPolicy."),
                Column.string("VolumeBindingMode", "VolumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."),
                Column.string("AllowVolumeExpansion", "AllowVolumeExpansion shows whether the storage class allow volume expand."),
                Column.AGE), (sc, now) -> {
            String name = text(sc, "metadata", "name");
            boolean isDefault = text(sc, "metadata", "annotations", DEFAULT_CLASS_ANNOTATION).equals("true")
                    || text(sc, "metadata", "annotations", BETA_DEFAULT_CLASS_ANNOTATION).equals("true");
            String reclaim = text(sc, "reclaimPolicy");
            String binding = text(sc, "volumeBindingMode");
            return List.of(isDefault ? name + " (default)" : name, text(sc, "provisioner"),
                    reclaim.isEmpty() ? "Delete" : reclaim, binding.isEmpty() ? "Immediate" : binding,
                    String.valueOf(at(sc, "allowVolumeExpansion").asBoolean(false)), Fields.age(sc, now));
        });
    }

    /** "RWO,ROX,RWX,RWOP" in that fixed order, each once. */
    static String accessModes(JsonNode modes) {
        Set<String> present = Set.copyOf(Fields.strings(modes));
        List<String> shorts = new ArrayList<>();
        String[][] order = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
                {"ReadWriteOncePod", "RWOP"}};
        for (String[] mode : order) {
            if (present.contains(mode[0])) {
                shorts.add(mode[1]);
            }
        }
        return String.join(",", shorts);
    }

    private static String phase(JsonNode volume) {
        return present(at(volume, "metadata", "deletionTimestamp")) ? "Terminating" : text(volume, "status", "phase");
    }

    private static String storageClass(JsonNode volume) {
        JsonNode annotation = at(volume, "metadata", "annotations", CLASS_ANNOTATION);
        return present(annotation) ? annotation.asText() : text(volume, "spec", "storageClassName");
    }

    /** Go's zero Quantity prints "0". */
    private static String quantity(JsonNode q) {
        return q.isValueNode() && !q.asText().isEmpty() ? q.asText() : "0";
    }

    private static String unsetIfMissing(JsonNode value) {
        return present(value) ? value.asText() : "<unset>";
    }
}
