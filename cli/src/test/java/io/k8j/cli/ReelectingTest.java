package io.k8j.cli;

import io.k8j.client.LeaderElected;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ReelectingTest {
    private static final class Instance implements LeaderElected {
        final CompletableFuture<Void> lost = new CompletableFuture<>();
        boolean closed;

        @Override
        public CompletableFuture<Void> lostLeadership() {
            return lost;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Instance> made = new ArrayList<>();

    private Instance make() {
        Instance i = new Instance();
        made.add(i);
        return i;
    }

    @Test
    void anInstanceThatLostItsLeaseIsClosedAndAFreshOneStands() {
        Reelecting reelecting = Reelecting.start("x", this::make, Runnable::run);
        made.getFirst().lost.complete(null);

        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed).isTrue();
        assertThat(made.get(1).closed).isFalse();

        reelecting.close();
        assertThat(made.get(1).closed).isTrue();
    }

    @Test
    void aClosedComponentDoesNotStandAgain() {
        Reelecting reelecting = Reelecting.start("x", this::make, Runnable::run);
        reelecting.close();
        made.getFirst().lost.complete(null);

        assertThat(made).hasSize(1);
    }
}
