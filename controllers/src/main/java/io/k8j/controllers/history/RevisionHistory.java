package io.k8j.controllers.history;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.OwnerRefWriter;
import io.k8j.controllers.deployment.TemplateHash;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An owner's ControllerRevisions, read from the informer cache and written through the API: claiming them
 * by selector, making sure the current template has the highest-numbered revision, dropping old ones.
 */
public final class RevisionHistory {
    private final KubernetesClient client;
    private final Indexer<ControllerRevision> revisions;
    private final OwnerRefWriter owners;

    public RevisionHistory(KubernetesClient client, Indexer<ControllerRevision> revisions) {
        this.client = client;
        this.revisions = revisions;
        this.owners = new OwnerRefWriter(client);
    }

    /** The owner's revisions, after adopting matching orphans and releasing ones that no longer match. */
    public List<ControllerRevision> claim(HasMetadata owner, LabelSelector selector) {
        Claims<ControllerRevision> claims = Claims.of(owner, selector,
                revisions.byIndex("namespace", owner.getMetadata().getNamespace()));
        claims.adopt().forEach(r -> owners.adopt(r, owner));
        claims.release().forEach(r -> owners.release(r, owner.getMetadata().getUid()));
        return claims.claimed();
    }

    /**
     * The revision holding {@code template}: an existing equal one, renumbered to be the newest when an older
     * template came back (a rollback), or a new one numbered after the highest.
     */
    public ControllerRevision current(HasMetadata owner, PodTemplateSpec template, Integer collisionCount,
                                      List<ControllerRevision> history) {
        long highest = Revisions.highest(history);
        Optional<ControllerRevision> equal = history.stream().filter(r -> Revisions.holds(r, template))
                .max(java.util.Comparator.comparingLong(Revisions::number));
        if (equal.isPresent()) {
            ControllerRevision r = equal.get();
            return Revisions.number(r) == highest ? r : renumber(r, highest + 1);
        }
        ControllerRevision wanted = Revisions.build(owner, template, TemplateHash.of(template, collisionCount), highest + 1);
        try {
            return client.resource(wanted).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Our cache may be behind our own write; anything else with this name is a hash collision.
            ControllerRevision existing = client.resource(wanted).get();
            if (existing != null && Revisions.holds(existing, template)) {
                return existing;
            }
            throw new IllegalStateException("controller revision " + wanted.getMetadata().getName()
                    + " exists with another template (hash collision)", e);
        }
    }

    /** Deletes revisions beyond {@code limit} that neither a pod nor the status refers to, oldest first. */
    public void truncate(List<ControllerRevision> history, Set<String> live, Integer limit) {
        for (ControllerRevision r : Revisions.beyondLimit(history, live, limit == null ? 10 : limit)) {
            client.resource(r).delete();
        }
    }

    private ControllerRevision renumber(ControllerRevision r, long number) {
        return client.resource(r).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"revision\":" + number + "}");
    }
}
