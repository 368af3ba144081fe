package io.k8j.api.apply;

import io.k8j.api.ResourceType;

import java.util.List;
import java.util.Set;

/**
 * Which part of an object a write may own. A write to the main resource of a kind with a status subresource does
 * not own status (the server resets it), and a status write does not own spec; kube calls these reset fields.
 *
 * @param subresource the subresource written, or null; recorded in the managedFields entry
 * @param resetFields top-level fields whose changes no manager of this write is given
 */
public record FieldScope(String subresource, Set<String> resetFields) {

    /** A write that owns everything it sets. */
    public static final FieldScope ALL = new FieldScope(null, Set.of());

    public static FieldScope of(ResourceType type, String subresource) {
        if (subresource == null || subresource.isEmpty()) {
            return new FieldScope(null, type != null && type.hasSubresource("status") ? Set.of("status") : Set.of());
        }
        return new FieldScope(subresource, subresource.equals("status") ? Set.of("spec") : Set.of());
    }

    /** Paths the server maintains, which kube strips from every manager's set. */
    private static final FieldSet SERVER_MANAGED = serverManaged();

    private static FieldSet serverManaged() {
        FieldSet s = new FieldSet();
        s.insert(List.of(PathElements.field("apiVersion")));
        s.insert(List.of(PathElements.field("kind")));
        s.insert(List.of(PathElements.field("metadata")));
        for (String f : List.of("name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                "generation", "managedFields", "resourceVersion")) {
            s.insert(List.of(PathElements.field("metadata"), PathElements.field(f)));
        }
        return s;
    }

    /** {@code set} without the reset fields (and everything under them) and the server-managed paths. */
    FieldSet filter(FieldSet set) {
        FieldSet kept = set.difference(SERVER_MANAGED);
        for (String f : resetFields) {
            kept = kept.without(PathElements.field(f));
        }
        return kept;
    }
}
