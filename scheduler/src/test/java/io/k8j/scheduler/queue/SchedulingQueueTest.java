package io.k8j.scheduler.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingQueueTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SchedulingQueue queue = new SchedulingQueue(now::get, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void higherPriorityFirstThenOlder() throws InterruptedException {
        queue.addOrUpdate(pod("young").created("2025-01-02T00:00:00Z").build());
        queue.addOrUpdate(pod("old").created("2025-01-01T00:00:00Z").build());
        queue.addOrUpdate(pod("urgent").priority(1000).created("2025-01-03T00:00:00Z").build());
        assertThat(queue.pop().pod().getMetadata().getName()).isEqualTo("urgent");
        assertThat(queue.pop().pod().getMetadata().getName()).isEqualTo("old");
        assertThat(queue.pop().pod().getMetadata().getName()).isEqualTo("young");
    }

    @Test
    void unschedulablePodWaitsForAnEventThenItsBackoff() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        QueuedPod q = queue.pop();
        queue.addUnschedulable(q, queue.cycle(), Set.of("NodeResourcesFit"));
        assertThat(queue.sizes()).containsExactly(0, 0, 1);

        queue.moveAllToActiveOrBackoff(x -> true);
        assertThat(queue.sizes()).as("backoff of 1 s has not passed").containsExactly(0, 1, 0);
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(queue.pop()).isSameAs(q);
        assertThat(q.attempts()).isEqualTo(2);
    }

    @Test
    void backoffDoublesAndCaps() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        for (int attempt = 1; attempt <= 6; attempt++) {
            QueuedPod q = queue.pop();
            queue.addUnschedulable(q, queue.cycle(), Set.of());
            long expected = Math.min(10, 1L << (attempt - 1));
            now.addAndGet(Duration.ofSeconds(expected).toNanos() - 1);
            assertThat(queue.sizes()).as("attempt %d waits %d s", attempt, expected).containsExactly(0, 1, 0);
            now.addAndGet(1);
        }
    }

    @Test
    void anEventDuringTheCycleSendsTheFailedPodToBackoffNotToUnschedulable() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        QueuedPod q = queue.pop();
        long cycle = queue.cycle();
        queue.moveAllToActiveOrBackoff(x -> true); // e.g. a node was added while p was being filtered
        queue.addUnschedulable(q, cycle, Set.of("NodeResourcesFit"));
        assertThat(queue.sizes()).containsExactly(0, 1, 0);
    }

    @Test
    void eventsMoveOnlyPodsTheyMayHelp() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        QueuedPod q = queue.pop();
        queue.addUnschedulable(q, queue.cycle(), Set.of("NodeAffinity"));
        queue.moveAllToActiveOrBackoff(x -> x.unschedulablePlugins().contains("InterPodAffinity"));
        assertThat(queue.sizes()).containsExactly(0, 0, 1);
    }

    @Test
    void deletedPodsLeaveAndAreNotParked() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        QueuedPod q = queue.pop();
        queue.delete(q.pod());
        queue.addUnschedulable(q, queue.cycle(), Set.of("NodeResourcesFit"));
        assertThat(queue.sizes()).containsExactly(0, 0, 0);
    }

    @Test
    void anUpdateRetriesAnUnschedulablePod() throws InterruptedException {
        queue.addOrUpdate(pod("p").build());
        QueuedPod q = queue.pop();
        queue.addUnschedulable(q, queue.cycle(), Set.of("NodeAffinity"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        queue.addOrUpdate(pod("p").label("fixed", "yes").build());
        assertThat(queue.pop().pod().getMetadata().getLabels()).containsEntry("fixed", "yes");
    }
}
