package io.k8j.api;

import java.util.List;
import java.util.Set;

/**
 * One served resource: where it lives in the URL space, what kind it holds, and the fabric8 model class
 * that describes its schema.
 *
 * @param group API group, "" for the core group
 * @param subresources subresource names served on this resource (status, scale, binding, log, ...)
 * @param modelClass the fabric8 kubernetes-model class of the kind
 * @param modelClass the fabric8 kubernetes-model class of the kind; null for a custom resource (served as an
 *                   unstructured tree)
 * @param verbs what discovery lists: {@link #STORED_VERBS}, or {@link #CREATE_ONLY} for reviews that are
 *              answered and never stored (TokenReview, SelfSubjectReview)
 * @param custom what a CustomResourceDefinition says of this version; null for built-in resources
 */
public record ResourceType(String group, String version, String kind, String plural, String singular,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           Set<String> subresources, Class<?> modelClass, List<String> verbs, CustomResource custom) {
    public static final List<String> STORED_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    public static final List<String> CREATE_ONLY = List.of("create");

    public ResourceType(String group, String version, String kind, String plural, String singular,
                        boolean namespaced, List<String> shortNames, List<String> categories,
                        Set<String> subresources, Class<?> modelClass, List<String> verbs) {
        this(group, version, kind, plural, singular, namespaced, shortNames, categories, subresources, modelClass,
                verbs, null);
    }

    public ResourceType(String group, String version, String kind, String plural, String singular,
                        boolean namespaced, List<String> shortNames, List<String> categories,
                        Set<String> subresources, Class<?> modelClass) {
        this(group, version, kind, plural, singular, namespaced, shortNames, categories, subresources, modelClass,
                STORED_VERBS);
    }

    /** A review: POST answers it, nothing is stored, no other verb is served. */
    public boolean createOnly() {
        return verbs.equals(CREATE_ONLY);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    public String listKind() {
        return custom != null ? custom.listKind() : kind + "List";
    }

    /** "pods", "deployments.apps": how kubectl and error messages name the resource. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** "Pod", "Deployment.apps": how Invalid messages name the kind. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** The storage key prefix for all objects of this resource, ending in "/". */
    public String keyPrefix() {
        return "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    }

    /** Storage key of one object; namespace is ignored for cluster-scoped resources. */
    public String key(String namespace, String name) {
        return namespaced ? keyPrefix() + namespace + "/" + name : keyPrefix() + name;
    }

    /** Prefix for all objects of one namespace, or of all namespaces when {@code namespace} is null. */
    public String keyPrefix(String namespace) {
        return namespaced && namespace != null ? keyPrefix() + namespace + "/" : keyPrefix();
    }
}
