package io.k8j.controllers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * kube's clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets, as its rules, the rules of
 * the ClusterRoles its selectors match ({@code admin}, {@code edit} and {@code view} are built this way). Any change
 * to any ClusterRole looks at every aggregated one again, as kube does.
 */
public final class ClusterRoleAggregationController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<ClusterRole> roles;
    private ControllerLoop loop;

    public ClusterRoleAggregationController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        SharedIndexInformer<ClusterRole> informer = informers.of(ClusterRole.class);
        roles = informer.getIndexer();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ClusterRole role) {
                enqueueAggregated();
            }

            @Override
            public void onUpdate(ClusterRole old, ClusterRole role) {
                enqueueAggregated();
            }

            @Override
            public void onDelete(ClusterRole role, boolean finalStateUnknown) {
                enqueueAggregated();
            }
        });
        loop = new ControllerLoop("clusterrole-aggregation-controller", queue, this::reconcile, 1);
        informers.start(ClusterRole.class);
        loop.start();
    }

    private void enqueueAggregated() {
        for (ClusterRole role : roles.list()) {
            if (role.getAggregationRule() != null) {
                queue.add(role.getMetadata().getName());
            }
        }
    }

    Duration reconcile(String name) {
        ClusterRole role = roles.getByKey(name);
        if (role == null || role.getAggregationRule() == null) {
            return null;
        }
        List<PolicyRule> rules = AggregatedRules.of(role, roles.list());
        if (Objects.equals(rules, role.getRules() == null ? List.of() : role.getRules())) {
            return null;
        }
        try {
            client.rbac().clusterRoles().resource(new ClusterRoleBuilder(role).withRules(rules).build()).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e; // a 409 retries with backoff against the newer role
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
