package io.k8j.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources k8j serves, looked up by group/version/plural or by kind: the built-in ones, and those that
 * CustomResourceDefinitions add and withdraw while the server runs. Readers see one consistent map (each
 * change swaps in a new copy), so discovery never sees half a group.
 */
public final class ResourceCatalog {
    private volatile Map<String, ResourceType> byPath = new LinkedHashMap<>();

    public static ResourceCatalog builtIn() {
        ResourceCatalog c = new ResourceCatalog();
        Set<String> status = Set.of("status");
        List<String> all = List.of("all");
        c.add("", "v1", "Namespace", "namespaces", false, List.of("ns"), List.of(), Set.of("status", "finalize"), Namespace.class);
        c.add("", "v1", "Pod", "pods", true, List.of("po"), all,
                Set.of("status", "binding", "log", "exec", "attach", "portforward", "eviction", "ephemeralcontainers"),
                Pod.class);
        c.add("", "v1", "Service", "services", true, List.of("svc"), all, status, Service.class);
        c.add("", "v1", "Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Endpoints.class);
        c.add("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), ConfigMap.class);
        c.add("", "v1", "Secret", "secrets", true, List.of(), List.of(), Set.of(), Secret.class);
        c.add("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), Set.of("token"), ServiceAccount.class);
        c.add("", "v1", "Node", "nodes", false, List.of("no"), List.of(), Set.of("status", "proxy"), Node.class);
        c.add("", "v1", "Event", "events", true, List.of("ev"), List.of(), Set.of(), Event.class);
        c.add("", "v1", "PersistentVolume", "persistentvolumes", false, List.of("pv"), List.of(), status, PersistentVolume.class);
        c.add("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of(), status, PersistentVolumeClaim.class);
        c.add("", "v1", "ResourceQuota", "resourcequotas", true, List.of("quota"), List.of(), status, ResourceQuota.class);
        c.add("", "v1", "LimitRange", "limitranges", true, List.of("limits"), List.of(), Set.of(), LimitRange.class);
        Set<String> scaled = Set.of("status", "scale");
        c.add("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), all, scaled, Deployment.class);
        c.add("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), all, scaled, ReplicaSet.class);
        c.add("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), all, scaled, StatefulSet.class);
        c.add("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), all, status, DaemonSet.class);
        c.add("apps", "v1", "ControllerRevision", "controllerrevisions", true, List.of(), List.of(), Set.of(), ControllerRevision.class);
        c.add("batch", "v1", "Job", "jobs", true, List.of(), all, status, Job.class);
        c.add("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), all, status, CronJob.class);
        c.add("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), Set.of(), Lease.class);
        c.add("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), Set.of(), EndpointSlice.class);
        c.add("events.k8s.io", "v1", "Event", "events", true, List.of("ev"), List.of(), Set.of(),
                io.fabric8.kubernetes.api.model.events.v1.Event.class);
        c.add("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, List.of("sc"), List.of(), Set.of(), StorageClass.class);
        c.add("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false,
                List.of("crd", "crds"), List.of(), status, CustomResourceDefinition.class);
        c.add("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, List.of("pc"), List.of(), Set.of(),
                PriorityClass.class);
        c.add("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", false, List.of("csr"),
                List.of(), Set.of("status", "approval"), CertificateSigningRequest.class);
        c.add("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
                false, List.of(), List.of("api-extensions"), Set.of(), MutatingWebhookConfiguration.class);
        c.add("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
                false, List.of(), List.of("api-extensions"), Set.of(), ValidatingWebhookConfiguration.class);
        c.add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, List.of(), List.of(),
                Set.of(), io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class);
        c.add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(), List.of(), Set.of(),
                io.fabric8.kubernetes.api.model.rbac.ClusterRole.class);
        c.add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(), List.of(), Set.of(),
                io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);
        c.add("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(), Set.of(),
                io.fabric8.kubernetes.api.model.rbac.Role.class);
        c.addCreateOnly("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", true,
                io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview.class);
        c.addCreateOnly("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false,
                io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview.class);
        c.addCreateOnly("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false,
                io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview.class);
        c.addCreateOnly("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false,
                io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview.class);
        // kubectl 1.27's auth whoami asks v1beta1 (falling back to v1alpha1), later ones v1 first.
        c.addCreateOnly("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", false, TokenReview.class);
        for (String version : List.of("v1", "v1beta1", "v1alpha1")) {
            c.addCreateOnly("authentication.k8s.io", version, "SelfSubjectReview", "selfsubjectreviews", false,
                    SelfSubjectReview.class);
        }
        return c;
    }

    /** A review kind: answered on create, never stored. */
    public void addCreateOnly(String group, String version, String kind, String plural, boolean namespaced,
                              Class<?> model) {
        register(new ResourceType(group, version, kind, plural, kind.toLowerCase(), namespaced, List.of(),
                List.of(), Set.of(), model, ResourceType.CREATE_ONLY));
    }

    public void add(String group, String version, String kind, String plural, boolean namespaced,
                    List<String> shortNames, List<String> categories, Set<String> subresources, Class<?> model) {
        register(new ResourceType(group, version, kind, plural, kind.toLowerCase(), namespaced,
                shortNames, categories, subresources, model));
    }

    /** Adds {@code type}, or replaces the one at its group/version/plural (a CRD that changed). */
    public synchronized void register(ResourceType type) {
        Map<String, ResourceType> next = new LinkedHashMap<>(byPath);
        next.put(type.groupVersion() + "/" + type.plural(), type);
        byPath = next;
    }

    /** Withdraws the resource at {@code type}'s group/version/plural. */
    public synchronized void unregister(ResourceType type) {
        Map<String, ResourceType> next = new LinkedHashMap<>(byPath);
        next.remove(type.groupVersion() + "/" + type.plural());
        byPath = next;
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        return Optional.ofNullable(byPath.get(gv + "/" + plural));
    }

    public Optional<ResourceType> findByKind(String apiVersion, String kind) {
        return byPath.values().stream()
                .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    public Collection<ResourceType> all() {
        return List.copyOf(byPath.values());
    }

    /** Group-versions in the order discovery lists them, the core group first. */
    public List<String> groupVersions() {
        List<String> gvs = new ArrayList<>();
        for (ResourceType t : all()) {
            if (!gvs.contains(t.groupVersion())) {
                gvs.add(t.groupVersion());
            }
        }
        return gvs;
    }

    public List<ResourceType> inGroupVersion(String groupVersion) {
        return byPath.values().stream().filter(t -> t.groupVersion().equals(groupVersion)).toList();
    }
}
