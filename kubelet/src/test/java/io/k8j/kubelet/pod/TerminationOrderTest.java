package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationOrderTest {
    private static final PodSpec SPEC = new PodSpecBuilder()
            .addNewInitContainer().withName("first").withRestartPolicy("Always").endInitContainer()
            .addNewInitContainer().withName("setup").endInitContainer()
            .addNewInitContainer().withName("second").withRestartPolicy("Always").endInitContainer()
            .addNewContainer().withName("app1").endContainer()
            .addNewContainer().withName("app2").endContainer().build();

    @Test
    void appContainersStopFirstThenSidecarsInReverseInitOrder() throws InterruptedException {
        TerminationOrder order = new TerminationOrder(SPEC, Set.of("first", "second", "app1", "app2"), Clock.systemUTC());
        List<String> stopped = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        // Started in the opposite order to the expected one, so only the waiting can make it come out right.
        for (String name : List.of("first", "second", "app2", "app1")) {
            threads.add(Thread.ofVirtual().start(() -> {
                order.awaitTurn(name, Duration.ofSeconds(10));
                if (name.equals("app2")) {
                    sleep(); // app containers stop at once, but the sidecars wait for the slower one too
                }
                stopped.add(name);
                order.terminated(name);
            }));
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(10));
        }
        assertThat(stopped).hasSize(4);
        assertThat(stopped.subList(2, 4)).containsExactly("second", "first");
    }

    @Test
    void containersNotRunningAreNotWaitedFor() {
        TerminationOrder order = new TerminationOrder(SPEC, Set.of("first"), Clock.systemUTC());
        assertThat(order.awaitTurn("first", Duration.ofSeconds(10))).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theWaitEndsWithTheGracePeriod() {
        TerminationOrder order = new TerminationOrder(SPEC, Set.of("first", "app1"), Clock.systemUTC());
        Duration waited = order.awaitTurn("first", Duration.ofMillis(300));
        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
