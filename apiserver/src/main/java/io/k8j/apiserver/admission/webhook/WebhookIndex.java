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
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The webhooks of one configuration kind as a watch of its store last showed them, so that a write asks no
 * storage for them: configurations in name order, each one's webhooks in their listed order (as kube calls them).
 */
public final class WebhookIndex {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIndex.class);

    private final StoreReader configurations;
    private volatile List<ObjectNode> webhooks = List.of();

    private WebhookIndex(StoreReader configurations) {
        this.configurations = configurations;
    }

    /** Starts watching {@code configurations}; the index holds the current ones before this returns. */
    public static WebhookIndex watching(StoreReader configurations) {
        WebhookIndex index = new WebhookIndex(configurations);
        index.new Watch().start();
        return index;
    }

    /** The webhooks in calling order; each is a webhook of the configurations' {@code webhooks[]}. */
    List<ObjectNode> webhooks() {
        return webhooks;
    }

    /**
     * One watch with the configurations it has seen. Its first events replay the current list; they are published
     * together once the replay is done, so a relist never shows a partial set (a write then skipping a webhook).
     */
    private final class Watch implements WatchSink {
        private final Map<String, ObjectNode> byName = new ConcurrentSkipListMap<>();
        private volatile boolean listed;

        void start() {
            configurations.watch(null, ListOptions.all(), this);
            listed = true;
            publish();
        }

        @Override
        public void event(String type, ObjectNode config) {
            if (type.equals("DELETED")) {
                byName.remove(Meta.name(config));
            } else {
                byName.put(Meta.name(config), config);
            }
            if (listed) {
                publish();
            }
        }

        @Override
        public void initialEventsEnd(long revision) {
        }

        @Override
        public void terminated(StorageException cause) {
            // the watch fell behind or its history was compacted: relist and watch again, once per ending
            LOG.info("webhook configuration watch ended ({}), relisting", cause == null ? "closed" : cause.getMessage());
            Thread.ofVirtual().start(() -> {
                try {
                    new Watch().start();
                } catch (RuntimeException e) {
                    LOG.warn("webhook configurations are no longer watched: {}", e.toString());
                }
            });
        }

        /** Under the index's lock, so that a slower publish of an older state never overwrites a newer one. */
        private void publish() {
            synchronized (WebhookIndex.this) {
                List<ObjectNode> all = new ArrayList<>();
                for (ObjectNode config : byName.values()) {
                    for (JsonNode hook : config.path("webhooks")) {
                        if (hook instanceof ObjectNode o) {
                            all.add(o);
                        }
                    }
                }
                webhooks = List.copyOf(all);
            }
        }
    }
}
