package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SlicePlanTest {
    private static final List<EndpointPort> HTTP = List.of(new EndpointPortBuilder().withName("http").withPort(8080).withProtocol("TCP").build());
    private static final List<EndpointPort> GRPC = List.of(new EndpointPortBuilder().withName("grpc").withPort(9090).withProtocol("TCP").build());

    private static List<Endpoint> endpoints(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new EndpointBuilder()
                .withAddresses("10.0." + i / 250 + "." + i % 250).build()).toList();
    }

    private static EndpointSlice slice(String name, List<EndpointPort> ports, List<Endpoint> endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).endMetadata().withAddressType("IPv4")
                .withPorts(ports).withEndpoints(endpoints).build();
    }

    @ParameterizedTest(name = "{0} endpoints -> chunks of {1}")
    @CsvSource({"0, ''", "1, 1", "100, 100", "101, 100 1", "250, 100 100 50"})
    void packingKeepsAtMostAHundredPerSlice(int count, String sizes) {
        List<Integer> actual = SlicePlan.pack(endpoints(0, count), SlicePlan.MAX_ENDPOINTS).stream().map(List::size).toList();
        List<Integer> expected = sizes.isEmpty() ? List.of(0)
                : java.util.Arrays.stream(sizes.split(" ")).map(Integer::parseInt).toList();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aNewServiceGetsOneSlicePerHundredEndpoints() {
        SlicePlan plan = SlicePlan.of(Map.of(HTTP, endpoints(0, 150)), List.of());
        assertThat(plan.creates()).extracting(f -> f.endpoints().size()).containsExactly(100, 50);
        assertThat(plan.creates()).allSatisfy(f -> assertThat(f.ports()).isEqualTo(HTTP));
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.deletes()).isEmpty();
    }

    @Test
    void existingSlicesAreReusedAndOnlyChangedOnesWritten() {
        EndpointSlice full = slice("web-a", HTTP, endpoints(0, 100));
        EndpointSlice stale = slice("web-b", HTTP, endpoints(100, 10));
        SlicePlan plan = SlicePlan.of(Map.of(HTTP, endpoints(0, 120)), List.of(stale, full));
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.updates()).singleElement().satisfies(f -> {
            assertThat(f.slice()).isSameAs(stale);
            assertThat(f.endpoints()).isEqualTo(endpoints(100, 20));
        });
        assertThat(plan.deletes()).isEmpty();
    }

    @Test
    void slicesOfPortSetsNoLongerServedGoAndNewPortSetsGetTheirOwn() {
        EndpointSlice old = slice("web-a", HTTP, endpoints(0, 3));
        Map<List<EndpointPort>, List<Endpoint>> groups = new LinkedHashMap<>();
        groups.put(GRPC, endpoints(0, 3));
        SlicePlan plan = SlicePlan.of(groups, List.of(old));
        assertThat(plan.creates()).singleElement().satisfies(f -> assertThat(f.ports()).isEqualTo(GRPC));
        assertThat(plan.deletes()).containsExactly(old);
    }

    @Test
    void aServiceWithoutEndpointsKeepsOneEmptySlice() {
        SlicePlan fresh = SlicePlan.of(Map.of(), List.of());
        assertThat(fresh.creates()).singleElement().satisfies(f -> {
            assertThat(f.ports()).isEmpty();
            assertThat(f.endpoints()).isEmpty();
        });
        EndpointSlice emptied = slice("web-a", HTTP, endpoints(0, 2));
        EndpointSlice placeholder = slice("web-b", List.of(), List.of());
        SlicePlan later = SlicePlan.of(Map.of(), List.of(emptied, placeholder));
        assertThat(later.creates()).isEmpty();
        assertThat(later.updates()).isEmpty();
        assertThat(later.deletes()).containsExactly(emptied);
    }
}
