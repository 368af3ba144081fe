package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;
import io.k8j.storage.WatchHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StoreReaderWatchTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");
    final RecordingSink sink = new RecordingSink();
    WatchHandle handle;

    /** Runs before the fixture closes the storage under the watch. */
    @AfterEach
    void tearDown() {
        if (handle != null) {
            handle.close();
        }
    }

    private static ListOptions watchFrom(String resourceVersion, String labels, boolean sendInitialEvents) {
        return new ListOptions(LabelSelector.parse(labels), FieldSelector.everything(), 0, null, resourceVersion, "",
                false, sendInitialEvents, 0);
    }

    private void watch(ListOptions options) {
        handle = f.configMaps().reader().watch("ns", options, sink);
    }

    private void awaitLines(String... expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.lines()).containsExactly(expected));
    }

    private void relabel(String name, String labels) {
        ObjectNode cm = f.configMaps().get("ns", name);
        Meta.of(cm).set("labels", StoreFixture.yaml("{" + labels + "}"));
        f.configMaps().update("ns", name, cm, WRITE, null);
    }

    @Test
    void withoutResourceVersionExistingObjectsArriveAsAdded() {
        f.configMap("ns", "a", "");
        f.configMap("ns", "b", "");

        watch(watchFrom("", "", false));
        f.configMap("ns", "c", "");

        awaitLines("ADDED a", "ADDED b", "ADDED c");
    }

    @Test
    void resourceVersionZeroAlsoReplays() {
        f.configMap("ns", "a", "");

        watch(watchFrom("0", "", false));

        awaitLines("ADDED a");
    }

    @Test
    void fromAResourceVersionOnlyLaterEventsArrive() {
        f.configMap("ns", "a", "");
        ObjectNode b = f.configMap("ns", "b", "");
        f.configMap("ns", "c", "");

        watch(watchFrom(Meta.resourceVersion(b), "", false));
        f.configMaps().delete("ns", "a", DeleteOptions.defaults());

        awaitLines("ADDED c", "DELETED a");
    }

    @Test
    void eventsCarryTheirResourceVersion() {
        watch(watchFrom("", "", false));
        ObjectNode a = f.configMap("ns", "a", "");

        awaitLines("ADDED a");
        assertThat(Meta.resourceVersion(sink.last())).isEqualTo(Meta.resourceVersion(a));
    }

    @Test
    void updatesThatCrossTheSelectorBecomeAddedAndDeleted() {
        f.configMap("ns", "a", "app: web");
        f.configMap("ns", "b", "app: db");

        watch(watchFrom("", "app=web", false));
        relabel("a", "app: db");
        relabel("b", "app: web");
        relabel("b", "app: web, v: '2'");
        relabel("a", "app: cache");

        awaitLines("ADDED a", "DELETED a", "ADDED b", "MODIFIED b");
    }

    @Test
    void sendInitialEventsEndsTheReplayWithABookmark() {
        f.configMap("ns", "a", "");
        f.configMap("ns", "b", "");

        watch(watchFrom("", "", true));
        f.configMap("ns", "c", "");

        awaitLines("ADDED a", "ADDED b", "END", "ADDED c");
    }

    @Test
    void watchStaysInItsNamespace() {
        f.namespace("other");

        watch(watchFrom("", "", false));
        f.configMap("other", "x", "");
        f.configMap("ns", "y", "");

        awaitLines("ADDED y");
        assertThat(sink.lines()).isEqualTo(List.of("ADDED y"));
    }
}
