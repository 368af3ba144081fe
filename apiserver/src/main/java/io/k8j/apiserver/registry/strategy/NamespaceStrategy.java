package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.List;
import java.util.Map;

/**
 * v1 Namespaces: DNS-label names, the kubernetes.io/metadata.name label kube keeps equal to the name, the
 * "kubernetes" finalizer that makes deletion wait for the namespace controller, and phase Active.
 */
final class NamespaceStrategy implements ResourceStrategy {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public void prepareForCreate(ObjectNode ns, StrategyContext ctx) {
        nameLabel(ns);
        ArrayNode finalizers = Tree.obj(ns, "spec").withArray("finalizers");
        if (!Tree.texts(ns.get("spec"), "finalizers").contains("kubernetes")) {
            finalizers.add("kubernetes");
        }
        ns.putObject("status").put("phase", "Active");
    }

    /** spec.finalizers only change through the finalize subresource. */
    @Override
    public void prepareForUpdate(ObjectNode ns, ObjectNode old, StrategyContext ctx) {
        nameLabel(ns);
        ObjectNode spec = Tree.obj(ns, "spec");
        spec.remove("finalizers");
        if (Tree.isSet(old.path("spec"), "finalizers")) {
            spec.set("finalizers", old.get("spec").get("finalizers").deepCopy());
        }
    }

    private static void nameLabel(ObjectNode ns) {
        ObjectNode metadata = Tree.obj(ns, "metadata");
        String name = Tree.text(metadata, "name");
        if (!name.isEmpty()) {
            Tree.obj(metadata, "labels").put(NAME_LABEL, name);
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode ns) {
        return Names.metadataName(ns, Names::dns1123Label);
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode ns) {
        return Map.of("status.phase", Tree.text(ns.path("status"), "phase"));
    }
}
