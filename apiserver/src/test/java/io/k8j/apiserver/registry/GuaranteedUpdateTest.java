package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static org.assertj.core.api.Assertions.assertThat;

/** The read-modify-write loop when another writer gets in between the read and the write. */
class GuaranteedUpdateTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    @BeforeEach
    void setUp() {
        f.configMap("ns", "a", "");
    }

    /** Before the store's next write, someone else sets data.racer (the store has already read). */
    private void raceOnce() {
        f.storage.beforeNextUpdate(() -> {
            ObjectNode current = f.configMaps().get("ns", "a");
            current.with("data").put("racer", "won");
            f.writeBehindTheStore(f.configMaps(), current);
        });
    }

    @Test
    void changeIsReappliedOnTopOfTheRacingWrite() {
        raceOnce();
        AtomicInteger calls = new AtomicInteger();

        ObjectNode result = f.configMaps().guaranteedUpdate("ns", "a", cur -> {
            calls.incrementAndGet();
            cur.with("data").put("mine", "too");
            return cur;
        }, WRITE, null);

        assertThat(calls).hasValue(2);
        assertThat(result.get("data")).hasToString("{\"k\":\"v\",\"racer\":\"won\",\"mine\":\"too\"}");
        assertThat(f.configMaps().get("ns", "a")).isEqualTo(result);
    }

    /** A PUT without resourceVersion is unconditional: it retries and overwrites, as kube does. */
    @Test
    void unpinnedUpdateRetriesAfterARacingWrite() {
        ObjectNode body = StoreFixture.yaml("metadata: {name: a}\ndata: {k: mine}");
        raceOnce();

        ObjectNode result = f.configMaps().update("ns", "a", body, WRITE, null);

        assertThat(result.at("/data/k").asText()).isEqualTo("mine");
        assertThat(result.at("/data/racer").isMissingNode()).isTrue();
    }

    @Test
    void pinnedUpdateLosesToARacingWrite() {
        ObjectNode body = f.configMaps().get("ns", "a");
        body.with("data").put("k", "mine");
        raceOnce();

        ApiException e = apiError(() -> f.configMaps().update("ns", "a", body, WRITE, null));

        assertThat(e.code()).isEqualTo(409);
        assertThat(f.configMaps().get("ns", "a").at("/data/racer").asText()).isEqualTo("won");
    }

    @Test
    void racingDeleteIsNotFound() {
        f.storage.beforeNextUpdate(() -> f.configMaps().delete("ns", "a", DeleteOptions.defaults()));

        ApiException e = apiError(() -> f.configMaps().guaranteedUpdate("ns", "a", cur -> {
            cur.with("data").put("k", "late");
            return cur;
        }, WRITE, null));

        assertThat(e.code()).isEqualTo(404);
    }
}
