package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.Comparator;
import java.util.Optional;

/**
 * Kube's DefaultStorageClass admission plugin: a new claim that names no class (the field absent, not
 * "", which asks for no class) gets the default StorageClass, the one annotated
 * storageclass.kubernetes.io/is-default-class=true; of several, the newest, as kube has since 1.26.
 */
final class DefaultStorageClass {
    static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private DefaultStorageClass() {
    }

    static void admit(ObjectNode pvc, StrategyContext ctx) {
        ObjectNode spec = Tree.obj(pvc, "spec");
        if (spec.hasNonNull("storageClassName") || pvc.path("metadata").path("annotations").has(BETA_CLASS_ANNOTATION)) {
            return;
        }
        find(ctx).ifPresent(name -> spec.put("storageClassName", name));
    }

    static Optional<String> find(StrategyContext ctx) {
        return ctx.list("storage.k8s.io", "storageclasses").stream()
                .filter(DefaultStorageClass::isDefault)
                .max(Comparator.comparing((JsonNode sc) -> Tree.text(sc.path("metadata"), "creationTimestamp"))
                        .thenComparing(sc -> Tree.text(sc.path("metadata"), "name")))
                .map(sc -> Tree.text(sc.path("metadata"), "name"));
    }

    static boolean isDefault(JsonNode sc) {
        return "true".equals(sc.path("metadata").path("annotations").path(DEFAULT_ANNOTATION).asText());
    }
}
