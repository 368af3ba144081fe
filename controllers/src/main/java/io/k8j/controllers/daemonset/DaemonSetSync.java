package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.OwnerRefWriter;
import io.k8j.controllers.deployment.Fenceposts;
import io.k8j.controllers.history.RevisionHistory;
import io.k8j.controllers.history.Revisions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One level-triggered pass over a DaemonSet: claim its pods and revisions, make sure the current template
 * has a revision, place pods on nodes, take a rolling-update step, drop old revisions, write status.
 */
final class DaemonSetSync {
    private final KubernetesClient client;
    private final Indexer<DaemonSet> daemonSets;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final RevisionHistory history;
    private final Expectations expectations;
    private final DaemonPodWriter writer;
    private final OwnerRefWriter owners;
    private final Clock clock;

    DaemonSetSync(KubernetesClient client, Indexer<DaemonSet> daemonSets, Indexer<Pod> pods, Indexer<Node> nodes,
                  RevisionHistory history, Expectations expectations, DaemonPodWriter writer, Clock clock) {
        this.client = client;
        this.daemonSets = daemonSets;
        this.pods = pods;
        this.nodes = nodes;
        this.history = history;
        this.expectations = expectations;
        this.writer = writer;
        this.owners = new OwnerRefWriter(client);
        this.clock = clock;
    }

    Duration reconcile(String key) {
        DaemonSet ds = daemonSets.getByKey(key);
        if (ds == null) {
            expectations.forget(key);
            return null;
        }
        List<Pod> mine = claimPods(ds);
        List<ControllerRevision> revisions = history.claim(ds, ds.getSpec().getSelector());
        Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
        ControllerRevision current = history.current(ds, ds.getSpec().getTemplate(), collisions, revisions);
        String hash = current.getMetadata().getLabels().get(Revisions.HASH_LABEL);
        List<NodeState> states = nodeStates(ds, mine);
        if (expectations.satisfied(key) && ds.getMetadata().getDeletionTimestamp() == null) {
            writer.apply(key, ds, hash, plan(ds, states, strandedPods(mine), hash));
        }
        Set<String> live = mine.stream().map(p -> ds.getMetadata().getName() + "-" + p.getMetadata().getLabels().get(Revisions.HASH_LABEL))
                .collect(Collectors.toCollection(HashSet::new));
        live.add(current.getMetadata().getName());
        history.truncate(revisions, live, ds.getSpec().getRevisionHistoryLimit());
        DaemonSetStatus status = DaemonSetStatuses.calculate(ds, states, hash, clock.instant());
        if (!DaemonSetStatuses.same(status, ds.getStatus())) {
            client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                            client.getKubernetesSerialization().asJson(Map.of("status", status)));
        }
        return DaemonSetStatuses.waitingForMinReady(status) ? Duration.ofSeconds(ds.getSpec().getMinReadySeconds()) : null;
    }

    private Plan plan(DaemonSet ds, List<NodeState> states, List<Pod> stranded, String hash) {
        boolean rolling = "RollingUpdate".equals(ds.getSpec().getUpdateStrategy() == null ? null : ds.getSpec().getUpdateStrategy().getType());
        Fenceposts fenceposts = rolling ? fenceposts(ds, states) : new Fenceposts(0, 0);
        Plan plan = NodePlacement.plan(states, stranded, hash, fenceposts.maxSurge() > 0);
        if (rolling) {
            List<NodeState> rollable = states.stream().filter(n -> n.placement().shouldRun() && !n.pods().isEmpty()).toList();
            int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
            plan = plan.plus(RollingUpdate.step(rollable, hash, fenceposts, minReady, clock.instant()));
        }
        return plan;
    }

    private static Fenceposts fenceposts(DaemonSet ds, List<NodeState> states) {
        RollingUpdateDaemonSet r = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        int desired = (int) states.stream().filter(n -> n.placement().shouldRun()).count();
        return r == null ? new Fenceposts(0, 1) : Fenceposts.of(r.getMaxSurge(), r.getMaxUnavailable(), desired);
    }

    private List<Pod> claimPods(DaemonSet ds) {
        Claims<Pod> claims = Claims.of(ds, ds.getSpec().getSelector(), pods.byIndex("namespace", ds.getMetadata().getNamespace()));
        claims.adopt().forEach(p -> owners.adopt(p, ds));
        claims.release().forEach(p -> owners.release(p, ds.getMetadata().getUid()));
        return claims.claimed();
    }

    private List<NodeState> nodeStates(DaemonSet ds, List<Pod> mine) {
        Map<String, List<Pod>> byNode = new LinkedHashMap<>();
        for (Pod p : mine) {
            String node = DaemonPods.targetNode(p);
            if (node != null) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
            }
        }
        return nodes.list().stream().sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> new NodeState(n.getMetadata().getName(), Placement.of(ds.getSpec().getTemplate().getSpec(), n),
                        byNode.getOrDefault(n.getMetadata().getName(), List.of()))).toList();
    }

    /** Pods aimed at nodes that are gone: nothing else removes them (kube leaves them to the pod GC). */
    private List<Pod> strandedPods(List<Pod> mine) {
        return mine.stream().filter(p -> {
            String node = DaemonPods.targetNode(p);
            return node != null && nodes.getByKey(Keys.of(null, node)) == null;
        }).toList();
    }
}
