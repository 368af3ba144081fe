package io.k8j.api.openapi;

import java.util.Set;

/**
 * Kube's OpenAPI definition names for fabric8 model classes. fabric8 flattens apimachinery's meta/v1 types
 * and core/v1 into one Java package, so the meta ones are listed by name.
 */
final class KubeNames {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String TIME = META + "Time";
    static final String MICRO_TIME = META + "MicroTime";
    static final String PATCH = META + "Patch";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    private static final String MODEL = "io.fabric8.kubernetes.api.model";
    private static final Set<String> META_TYPES = Set.of(
            "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference",
            "ManagedFieldsEntry", "FieldsV1", "Status", "StatusDetails", "StatusCause", "DeleteOptions",
            "Preconditions", "Condition", "WatchEvent", "APIResource", "APIResourceList", "APIGroup",
            "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR");

    private KubeNames() {
    }

    /** io.fabric8.kubernetes.api.model.apps.Deployment -> io.k8s.api.apps.v1.Deployment. */
    static String schemaName(Class<?> type) {
        String pkg = type.getPackageName();
        String simple = type.getSimpleName();
        if (pkg.equals(MODEL)) {
            return (META_TYPES.contains(simple) ? META : "io.k8s.api.core.v1.") + simple;
        }
        if (!pkg.startsWith(MODEL + ".")) {
            return pkg + "." + simple;
        }
        String rest = pkg.substring(MODEL.length() + 1);
        String last = rest.substring(rest.lastIndexOf('.') + 1);
        // fabric8 drops the version from the package when the group has only v1 (apps, rbac, storage).
        boolean versioned = last.matches("v\\d+((alpha|beta)\\d+)?");
        return "io.k8s.api." + rest + (versioned ? "." : ".v1.") + simple;
    }

    /** The last dotted segment, as explain prints type names: io.k8s.api.core.v1.Container -> Container. */
    static String shortName(String schemaName) {
        return schemaName.substring(schemaName.lastIndexOf('.') + 1);
    }
}
