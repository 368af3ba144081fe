package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAllocatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** A /29 holds 6 host addresses; the first is kept for explicit requests, so 5 are handed out. */
    private static ServiceAllocator small(Clock clock) {
        return new ServiceAllocator("10.43.0.0/29", 30000, 30002, new SplittableRandom(1), clock);
    }

    @Test
    void handsOutEveryAddressButTheFirstThenReportsFull() {
        ServiceAllocator a = small(CLOCK);
        ServiceAllocator.Reservation r = a.begin(Fixtures.Context.empty());
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ips.add(r.ip(null));
        }
        assertThat(ips).containsExactlyInAnyOrder("10.43.0.2", "10.43.0.3", "10.43.0.4", "10.43.0.5", "10.43.0.6");
        assertThatThrownBy(() -> r.ip(null)).isInstanceOfSatisfying(ServiceAllocator.AllocationException.class, e -> {
            assertThat(e.full()).isTrue();
            assertThat(e.getMessage()).isEqualTo("range is full");
        });
        assertThat(r.ip("10.43.0.1")).isEqualTo("10.43.0.1");
    }

    @Test
    void specificRequestsMustBeFreeAndInRange() {
        ServiceAllocator a = small(CLOCK);
        ObjectNode stored = yaml("{spec: {clusterIP: 10.43.0.3, ports: [{port: 80, nodePort: 30001}]}}");
        ServiceAllocator.Reservation r = a.begin(Fixtures.Context.services(List.of(stored)));
        assertThatThrownBy(() -> r.ip("10.43.0.3")).hasMessage("provided IP is already allocated");
        assertThatThrownBy(() -> r.ip("10.44.0.3"))
                .hasMessage("the provided IP (10.44.0.3) is not in the valid range. The range of valid IPs is 10.43.0.0/29");
        assertThatThrownBy(() -> r.nodePort(30001)).hasMessage("provided port is already allocated");
        assertThatThrownBy(() -> r.nodePort(80))
                .hasMessage("provided port is not in the valid range. The range of valid ports is 30000-30002");
    }

    @Test
    void rollbackAndReleaseGiveValuesBack() {
        ServiceAllocator a = small(CLOCK);
        ServiceAllocator.Reservation r = a.begin(Fixtures.Context.empty());
        String ip = r.ip(null);
        int port = r.nodePort(0);
        r.rollback();
        ServiceAllocator.Reservation again = a.begin(Fixtures.Context.empty());
        assertThat(again.ip(ip)).isEqualTo(ip);
        assertThat(again.nodePort(port)).isEqualTo(port);
        a.release(yaml("{spec: {clusterIP: " + ip + ", ports: [{port: 1, nodePort: " + port + "}]}}"));
        assertThat(a.begin(Fixtures.Context.empty()).ip(ip)).isEqualTo(ip);
    }

    @Test
    void leakedReservationsAreReclaimedOnceNoLongerInFlight() {
        Instant[] now = {Instant.parse("2025-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        ServiceAllocator a = small(clock);
        ServiceAllocator.Reservation r = a.begin(Fixtures.Context.empty());
        r.nodePort(30000); // say the create then failed validation in the store: nothing stored holds it
        assertThatThrownBy(() -> a.begin(Fixtures.Context.empty()).nodePort(30000)).hasMessage("provided port is already allocated");
        now[0] = now[0].plus(ServiceAllocator.IN_FLIGHT).plusSeconds(1);
        assertThat(a.begin(Fixtures.Context.empty()).nodePort(30000)).isEqualTo(30000);
    }

    @Test
    void concurrentReservationsNeverShareAnAddress() throws Exception {
        ServiceAllocator a = new ServiceAllocator();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                jobs.add(pool.submit(() -> {
                    int dupes = 0;
                    for (int i = 0; i < 500; i++) {
                        if (!seen.add(a.begin(Fixtures.Context.empty()).ip(null))) {
                            dupes++;
                        }
                    }
                    return dupes;
                }));
            }
            for (Future<Integer> job : jobs) {
                assertThat(job.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(4000).doesNotContain("10.43.0.1");
    }
}
