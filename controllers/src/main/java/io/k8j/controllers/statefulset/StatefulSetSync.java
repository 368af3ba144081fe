package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.OwnerRefWriter;
import io.k8j.controllers.history.RevisionHistory;
import io.k8j.controllers.history.Revisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One level-triggered pass over a StatefulSet: claim its pods and revisions, find the current and update
 * revisions, take the next {@link OrdinalPlan} step, drop old revisions, write status.
 */
final class StatefulSetSync {
    private final KubernetesClient client;
    private final Indexer<StatefulSet> sets;
    private final Indexer<Pod> pods;
    private final RevisionHistory history;
    private final Expectations expectations;
    private final StatefulPodWriter writer;
    private final OwnerRefWriter owners;
    private final Clock clock;

    StatefulSetSync(KubernetesClient client, Indexer<StatefulSet> sets, Indexer<Pod> pods, RevisionHistory history,
                    Expectations expectations, StatefulPodWriter writer, Clock clock) {
        this.client = client;
        this.sets = sets;
        this.pods = pods;
        this.history = history;
        this.expectations = expectations;
        this.writer = writer;
        this.owners = new OwnerRefWriter(client);
        this.clock = clock;
    }

    Duration reconcile(String key) {
        StatefulSet set = sets.getByKey(key);
        if (set == null) {
            expectations.forget(key);
            return null;
        }
        Map<Integer, Pod> byOrdinal = claimPods(set);
        List<ControllerRevision> revisions = history.claim(set, set.getSpec().getSelector());
        Integer collisions = set.getStatus() == null ? null : set.getStatus().getCollisionCount();
        ControllerRevision update = history.current(set, set.getSpec().getTemplate(), collisions, revisions);
        String currentName = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
        ControllerRevision current = revisions.stream().filter(r -> r.getMetadata().getName().equals(currentName))
                .findFirst().orElse(update);
        Instant now = clock.instant();
        if (expectations.satisfied(key) && set.getMetadata().getDeletionTimestamp() == null) {
            act(key, set, OrdinalPlan.next(SetShape.of(set), byOrdinal, update.getMetadata().getName(), now), current, update);
        }
        StatefulSetStatus status = StatefulSetStatuses.calculate(set, byOrdinal.values(),
                current.getMetadata().getName(), update.getMetadata().getName(), now);
        Set<String> live = new HashSet<>(List.of(status.getCurrentRevision(), status.getUpdateRevision()));
        byOrdinal.values().stream().map(StatefulPods::revisionOf).filter(r -> r != null).forEach(live::add);
        history.truncate(revisions, live, set.getSpec().getRevisionHistoryLimit());
        if (!StatefulSetStatuses.same(status, set.getStatus())) {
            client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).withName(set.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                            client.getKubernetesSerialization().asJson(Map.of("status", status)));
        }
        return status.getReadyReplicas() > status.getAvailableReplicas()
                ? Duration.ofSeconds(set.getSpec().getMinReadySeconds()) : null;
    }

    private void act(String key, StatefulSet set, List<OrdinalPlan.Action> actions, ControllerRevision current,
                     ControllerRevision update) {
        long creates = actions.stream().filter(a -> a instanceof OrdinalPlan.Create).count();
        Set<String> deletes = new HashSet<>();
        actions.forEach(a -> {
            if (a instanceof OrdinalPlan.Delete d) {
                deletes.add(Keys.of(d.pod()));
            }
        });
        expectations.expect(key, (int) creates, deletes);
        for (OrdinalPlan.Action action : actions) {
            try {
                switch (action) {
                    case OrdinalPlan.Create c -> {
                        ControllerRevision from = c.fromCurrent() ? current : update;
                        PodTemplateSpec template = from == update ? set.getSpec().getTemplate() : Revisions.templateOf(from);
                        writer.create(set, template, from.getMetadata().getName(), c.ordinal());
                    }
                    case OrdinalPlan.Delete d -> writer.delete(set, d.pod(), d.condemned());
                }
            } catch (RuntimeException e) {
                expectations.forget(key);
                throw e;
            }
        }
    }

    /** The set's pods by ordinal: claimed by selector, and named {@code <set>-<ordinal>} (kube's isMemberOf). */
    private Map<Integer, Pod> claimPods(StatefulSet set) {
        List<Pod> candidates = pods.byIndex("namespace", set.getMetadata().getNamespace()).stream()
                .filter(p -> StatefulPods.ordinalOf(set, p) >= 0).toList();
        Claims<Pod> claims = Claims.of(set, set.getSpec().getSelector(), candidates);
        claims.adopt().forEach(p -> owners.adopt(p, set));
        claims.release().forEach(p -> owners.release(p, set.getMetadata().getUid()));
        Map<Integer, Pod> byOrdinal = new TreeMap<>();
        claims.claimed().forEach(p -> byOrdinal.put(StatefulPods.ordinalOf(set, p), p));
        return byOrdinal;
    }
}
