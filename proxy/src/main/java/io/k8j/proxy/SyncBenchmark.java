package io.k8j.proxy;

import io.k8j.client.host.HostCommand;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The proxy's sync time at scale: N ClusterIP Services of E ready endpoints each, the ruleset built
 * ({@link ProxyRules}) and applied ({@code iptables-restore}) into a network namespace made for the run and deleted
 * after it, so the host's tables are never touched. A first sync writes every chain; a second, with one endpoint
 * changed, is what each later sync costs (the whole ruleset is rewritten every time).
 */
public final class SyncBenchmark {
    /** Milliseconds of each phase. */
    public record Result(int services, int endpointsPerService, long buildMillis, long firstApplyMillis, long resyncMillis) {
    }

    private SyncBenchmark() {
    }

    public static Result run(int services, int endpointsPerService) {
        String netns = "k8j-bench-" + ProcessHandle.current().pid();
        HostCommand.check(List.of("ip", "netns", "add", netns), null);
        try {
            Iptables iptables = new Iptables(List.of("ip", "netns", "exec", netns));
            ProxyConfig config = ProxyConfig.defaults("bench-node");
            List<Service> svcs = IntStream.range(0, services).mapToObj(SyncBenchmark::service).toList();
            List<EndpointSlice> slices = new ArrayList<>(IntStream.range(0, services)
                    .mapToObj(i -> slice(i, endpointsPerService, 0)).toList());
            long t0 = System.nanoTime();
            Ruleset ruleset = ProxyRules.build(config, svcs, slices);
            long t1 = System.nanoTime();
            iptables.apply(ruleset);
            long t2 = System.nanoTime();
            slices.set(0, slice(0, endpointsPerService, 1));
            iptables.apply(ProxyRules.build(config, svcs, slices));
            long t3 = System.nanoTime();
            return new Result(services, endpointsPerService, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        } finally {
            HostCommand.exec(List.of("ip", "netns", "delete", netns), null);
        }
    }

    private static Service service(int i) {
        return new ServiceBuilder().withNewMetadata().withNamespace("bench").withName("svc-" + i).endMetadata()
                .withNewSpec().withClusterIP("10.43." + (1 + i / 256) + "." + (i % 256)).addNewPort().withName("http")
                .withProtocol("TCP").withPort(80).endPort().endSpec().build();
    }

    /** {@code shift} moves the endpoints, as a rolling update would. */
    private static EndpointSlice slice(int i, int endpoints, int shift) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("bench").withName("svc-" + i + "-x")
                .addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, "svc-" + i).endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort()
                .withEndpoints(IntStream.range(0, endpoints).mapToObj(e -> {
                    int n = i * endpoints + e + shift;
                    return new EndpointBuilder().withAddresses("10.42." + (n / 250) % 256 + "." + (1 + n % 250))
                            .withNodeName("bench-node").withNewConditions().withReady(true).endConditions().build();
                }).toList())
                .build();
    }
}
