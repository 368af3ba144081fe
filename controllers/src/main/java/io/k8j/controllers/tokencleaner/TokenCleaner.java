package io.k8j.controllers.tokencleaner;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.OnChange;
import io.k8j.client.Keys;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * kube's tokencleaner: deletes bootstrap token Secrets (kube-system, type bootstrap.kubernetes.io/token) once their
 * expiration has passed; until then each is looked at again when it expires. The API server already refuses an
 * expired token; this keeps them from piling up. Keyed by namespace/name.
 */
public final class TokenCleaner implements Controller {
    static final String TYPE = "bootstrap.kubernetes.io/token";
    private static final Logger LOG = LoggerFactory.getLogger(TokenCleaner.class);

    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue();
    private Indexer<Secret> secrets;
    private ControllerLoop loop;

    public TokenCleaner(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.clock = clock;
    }

    @Override
    public void start() {
        SharedIndexInformer<Secret> informer = informers.of(Secret.class);
        secrets = informer.getIndexer();
        informer.addEventHandler(new OnChange<>(secret -> {
            if (TYPE.equals(secret.getType()) && "kube-system".equals(secret.getMetadata().getNamespace())) {
                queue.add(Keys.of(secret.getMetadata().getNamespace(), secret.getMetadata().getName()));
            }
        }));
        loop = new ControllerLoop("tokencleaner", queue, this::reconcile, 1);
        informers.start(Secret.class);
        loop.start();
    }

    Duration reconcile(String key) {
        Secret secret = secrets.getByKey(key);
        if (secret == null || secret.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        Duration left = timeLeft(secret, clock.instant());
        if (left == null || !left.isNegative() && !left.isZero()) {
            return left;
        }
        LOG.info("tokencleaner: deleting expired bootstrap token secret {}", key);
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).withName(secret.getMetadata().getName())
                .delete();
        return null;
    }

    /** Until the token expires (zero or negative once it has; an unparsable expiration has, as kube's), null: never. */
    static Duration timeLeft(Secret secret, Instant now) {
        String encoded = secret.getData() == null ? null : secret.getData().get("expiration");
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            String expiration = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return Duration.between(now, Instant.parse(expiration));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
