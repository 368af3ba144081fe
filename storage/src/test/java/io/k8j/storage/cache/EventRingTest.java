package io.k8j.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.storage.KeyValue;
import io.k8j.storage.WatchEvent;
import org.junit.jupiter.api.Test;

class EventRingTest {
    private static WatchEvent event(String key, long revision) {
        return new WatchEvent(WatchEvent.Type.CREATE, new KeyValue(key, new byte[0], revision, revision), null);
    }

    @Test
    void keepsTheNewestEventsAndMovesItsStartPastTheDropped() {
        EventRing ring = new EventRing(3, 10);
        for (long r = 11; r <= 15; r++) {
            ring.add(event(r % 2 == 0 ? "/even" : "/odd", r));
        }
        assertThat(ring.startRevision()).isEqualTo(12);
        assertThat(ring.after(12, "").stream().map(WatchEvent::revision)).containsExactly(13L, 14L, 15L);
        assertThat(ring.after(13, "/odd").stream().map(WatchEvent::revision)).containsExactly(15L);
    }

    @Test
    void dropThroughAndResetForgetHistory() {
        EventRing ring = new EventRing(10, 0);
        for (long r = 1; r <= 5; r++) {
            ring.add(event("/k", r));
        }
        ring.dropThrough(3);
        assertThat(ring.startRevision()).isEqualTo(3);
        assertThat(ring.after(0, "")).extracting(WatchEvent::revision).containsExactly(4L, 5L);
        ring.dropThrough(8); // beyond the newest event: later events at or below 8 are not kept either
        ring.add(event("/k", 7));
        ring.add(event("/k", 9));
        assertThat(ring.after(0, "")).extracting(WatchEvent::revision).containsExactly(9L);
        ring.reset(20);
        assertThat(ring.startRevision()).isEqualTo(20);
        assertThat(ring.after(0, "")).isEmpty();
    }
}
