package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.OwnerRefWriter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One level-triggered pass over a Deployment: claim its ReplicaSets, find or create the one for the
 * current template, give it the newest revision, take one rollout step (or none while paused), clean
 * up history once complete, and write status.
 */
final class DeploymentSync {
    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicaSet> replicaSets;
    private final ReplicaSetWriter writer;
    private final OwnerRefWriter owners;
    private final Clock clock;

    DeploymentSync(Indexer<Deployment> deployments, Indexer<ReplicaSet> replicaSets, ReplicaSetWriter writer,
                   OwnerRefWriter owners, Clock clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.writer = writer;
        this.owners = owners;
        this.clock = clock;
    }

    Duration reconcile(String key) {
        Deployment d = deployments.getByKey(key);
        if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        Claims<ReplicaSet> claims = Claims.of(d, d.getSpec().getSelector(),
                replicaSets.byIndex("namespace", d.getMetadata().getNamespace()));
        claims.adopt().forEach(rs -> owners.adopt(rs, d));
        claims.release().forEach(rs -> owners.release(rs, d.getMetadata().getUid()));
        List<ReplicaSet> mine = new ArrayList<>(claims.claimed());
        mine.sort(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp())
                .thenComparing(rs -> rs.getMetadata().getName()));
        ReplicaSet newRs = mine.stream()
                .filter(rs -> TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
                .findFirst().orElse(null);
        List<ReplicaSet> olds = mine.stream().filter(rs -> rs != newRs).toList();
        Instant now = clock.instant();
        boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
        String progressReason = null;
        if (newRs == null && !paused) {
            if (!createNewReplicaSet(d, olds)) {
                return Duration.ofSeconds(1);
            }
            progressReason = "NewReplicaSetCreated";
        } else if (newRs != null) {
            syncRevision(d, newRs, olds);
            progressReason = "FoundNewReplicaSet";
            new Rollout(writer).step(d, newRs, olds);
        }
        List<ReplicaSet> all = new ArrayList<>(olds);
        if (newRs != null) {
            all.add(newRs);
        }
        DeploymentStatus status = RolloutStatus.calculate(d, newRs, all, now);
        String rsName = newRs != null ? newRs.getMetadata().getName() : d.getMetadata().getName() + "-" + NewReplicaSets.hash(d);
        if (progressReason != null && (progressReason.equals("NewReplicaSetCreated")
                || Conditions.get(status, Progress.PROGRESSING).isEmpty())) {
            String verb = progressReason.equals("NewReplicaSetCreated") ? "Created" : "Found";
            Conditions.replace(status, Conditions.of(Progress.PROGRESSING, "True", progressReason,
                    verb + " new replica set \"" + rsName + "\"", now));
        }
        Optional<Duration> again = Progress.update(d, status, rsName, now);
        if (!paused && RolloutStatus.complete(d, status)) {
            int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
            Revisions.beyondHistory(olds, limit).forEach(writer::delete);
        }
        if (!Objects.equals(status, d.getStatus())) {
            writer.writeStatus(d, status);
        }
        return again.orElse(null);
    }

    /** False when the name is taken by a ReplicaSet this cache has not seen or that is not ours. */
    private boolean createNewReplicaSet(Deployment d, List<ReplicaSet> olds) {
        int replicas = Rollout.initialReplicas(d, olds);
        try {
            writer.create(d, NewReplicaSets.of(d, Revisions.next(olds), replicas));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            writer.bumpCollisionCountIfForeign(d);
            return false;
        }
    }

    /** The current ReplicaSet carries the highest revision and the deployment's change-cause; so does the deployment. */
    private void syncRevision(Deployment d, ReplicaSet newRs, List<ReplicaSet> olds) {
        long revision = Math.max(Revisions.of(newRs), Revisions.next(olds));
        String cause = NewReplicaSets.changeCause(d);
        Map<String, String> current = newRs.getMetadata().getAnnotations() == null ? Map.of() : newRs.getMetadata().getAnnotations();
        if (revision != Revisions.of(newRs) || (cause != null && !cause.equals(current.get(Revisions.CHANGE_CAUSE)))) {
            Map<String, String> a = new java.util.HashMap<>();
            a.put(Revisions.REVISION, Long.toString(revision));
            if (cause != null) {
                a.put(Revisions.CHANGE_CAUSE, cause);
            }
            writer.annotate(newRs, a);
        }
        Map<String, String> da = d.getMetadata().getAnnotations();
        if (da == null || !Long.toString(revision).equals(da.get(Revisions.REVISION))) {
            writer.setRevision(d, Long.toString(revision));
        }
    }
}
