package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.StoreReader;
import io.k8j.apiserver.registry.WatchSink;
import io.k8j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The webhooks of one configuration kind as a watch of its store last showed them, so that a write asks no
 * storage for them: configurations in name order, each one's webhooks in their listed order (as kube calls them).
 */
public final class WebhookIndex {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIndex.class);

    private final StoreReader configurations;
    private final ConcurrentSkipListMap<String, ObjectNode> byName = new ConcurrentSkipListMap<>();
    private volatile List<ObjectNode> webhooks = List.of();

    private WebhookIndex(StoreReader configurations) {
        this.configurations = configurations;
    }

    /** Starts watching {@code configurations}; the index is filled with the current ones before this returns. */
    public static WebhookIndex watching(StoreReader configurations) {
        WebhookIndex index = new WebhookIndex(configurations);
        index.watch();
        return index;
    }

    /** The webhooks in calling order; each is a webhook of the configurations' {@code webhooks[]}. */
    List<ObjectNode> webhooks() {
        return webhooks;
    }

    private void watch() {
        byName.clear();
        configurations.watch(null, ListOptions.all(), new WatchSink() {
            @Override
            public void event(String type, ObjectNode config) {
                if (type.equals("DELETED")) {
                    byName.remove(Meta.name(config));
                } else {
                    byName.put(Meta.name(config), config);
                }
                webhooks = flatten();
            }

            @Override
            public void initialEventsEnd(long revision) {
            }

            @Override
            public void terminated(StorageException cause) {
                // the watch fell behind or its history was compacted: relist and watch again, once per ending
                LOG.info("webhook configuration watch ended ({}), relisting", cause == null ? "closed" : cause.getMessage());
                Thread.ofVirtual().start(WebhookIndex.this::rewatch);
            }
        });
    }

    private void rewatch() {
        try {
            watch();
        } catch (RuntimeException e) {
            LOG.warn("webhook configurations are no longer watched: {}", e.toString());
        }
    }

    private List<ObjectNode> flatten() {
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode config : byName.values()) {
            for (JsonNode hook : config.path("webhooks")) {
                if (hook instanceof ObjectNode o) {
                    all.add(o);
                }
            }
        }
        return List.copyOf(all);
    }
}
