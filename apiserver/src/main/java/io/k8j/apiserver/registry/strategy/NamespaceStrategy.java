package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * v1 Namespaces: DNS-label names, the kubernetes.io/metadata.name label kube keeps equal to the name, the
 * "kubernetes" finalizer that makes deletion wait for the namespace controller, and phase Active.
 */
final class NamespaceStrategy implements ResourceStrategy {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

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

    /** The namespaces the system itself lives in stay (kube's immortal namespaces). */
    @Override
    public void checkDelete(ObjectNode ns) {
        String name = Tree.text(ns.path("metadata"), "name");
        if (IMMORTAL.contains(name)) {
            throw ApiException.forbidden("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
        }
    }

    /** Deletion waits for the namespace controller to empty the namespace and clear spec.finalizers. */
    @Override
    public List<String> deletionBlockers(ObjectNode ns) {
        return Tree.texts(ns.get("spec"), "finalizers");
    }

    @Override
    public void prepareForDeletion(ObjectNode ns) {
        Tree.obj(ns, "status").put("phase", "Terminating");
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode ns) {
        return Map.of("status.phase", Tree.text(ns.path("status"), "phase"));
    }
}
