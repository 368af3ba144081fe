package io.k8j.apiserver.registry.strategy;

import io.k8j.api.ResourceType;
import io.k8j.apiserver.apiextensions.CustomResourceDefinitionStrategy;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.time.Clock;

/** The strategy of each built-in resource, by group and plural. */
public final class Strategies {
    /** For resources kube gives no rules beyond metadata (ServiceAccounts), and for unknown ones. */
    private static final ResourceStrategy PLAIN = new ResourceStrategy() {
    };

    private Strategies() {
    }

    /**
     * The strategy for {@code type}.
     *
     * @param allocator the cluster's one allocator of service IPs and node ports
     */
    public static ResourceStrategy forResource(ResourceType type, ServiceAllocator allocator) {
        return forResource(type, allocator, DefaultTolerationSeconds.DEFAULTS);
    }

    /** As above, with the tolerations new pods get for not-ready and unreachable nodes. */
    public static ResourceStrategy forResource(ResourceType type, ServiceAllocator allocator,
                                               DefaultTolerationSeconds tolerationSeconds) {
        return switch (type.group() + "/" + type.plural()) {
            case "/namespaces" -> new NamespaceStrategy();
            case "/pods" -> new PodStrategy(tolerationSeconds);
            case "/services" -> new ServiceStrategy(type, allocator);
            case "/endpoints" -> new EndpointsStrategy();
            case "/configmaps" -> new ConfigMapStrategy();
            case "/secrets" -> new SecretStrategy();
            case "/nodes" -> new NodeStrategy();
            case "/events" -> new EventStrategy();
            case "/persistentvolumes" -> new PersistentVolumeStrategy();
            case "/persistentvolumeclaims" -> new PersistentVolumeClaimStrategy();
            case "/resourcequotas" -> new ResourceQuotaStrategy();
            case "/limitranges" -> new LimitRangeStrategy();
            case "apps/deployments" -> new DeploymentStrategy();
            case "apps/replicasets" -> new ReplicaSetStrategy();
            case "apps/statefulsets" -> new StatefulSetStrategy();
            case "apps/daemonsets" -> new DaemonSetStrategy();
            case "apps/controllerrevisions" -> new ControllerRevisionStrategy();
            case "batch/jobs" -> new JobStrategy();
            case "batch/cronjobs" -> new CronJobStrategy();
            case "coordination.k8s.io/leases" -> new LeaseStrategy();
            case "discovery.k8s.io/endpointslices" -> new EndpointSliceStrategy();
            case "events.k8s.io/events" -> new EventsGroupEventStrategy();
            case "storage.k8s.io/storageclasses" -> new StorageClassStrategy();
            case "scheduling.k8s.io/priorityclasses" -> new PriorityClassStrategy();
            case "apiextensions.k8s.io/customresourcedefinitions" -> new CustomResourceDefinitionStrategy(Clock.systemUTC());
            case "rbac.authorization.k8s.io/roles" -> new RoleStrategy(true);
            case "rbac.authorization.k8s.io/clusterroles" -> new RoleStrategy(false);
            case "rbac.authorization.k8s.io/rolebindings" -> new RoleBindingStrategy(true);
            case "rbac.authorization.k8s.io/clusterrolebindings" -> new RoleBindingStrategy(false);
            case "admissionregistration.k8s.io/mutatingwebhookconfigurations" -> new WebhookConfigurationStrategy(true);
            case "admissionregistration.k8s.io/validatingwebhookconfigurations" -> new WebhookConfigurationStrategy(false);
            case "certificates.k8s.io/certificatesigningrequests" -> new CertificateSigningRequestStrategy();
            default -> PLAIN;
        };
    }
}
