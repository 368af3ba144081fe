package io.k8j.apiserver.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which aggregated discovery version an Accept header asks for (null: the legacy documents). */
class AggregatedDiscoveryNegotiationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // kubectl 1.27
            "kubectl 1.27 | application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json | v2beta1",
            // kubectl 1.33 (client-go >= 1.30 prefers v2)
            "kubectl 1.33 | application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json | v2",
            "with spaces  | application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList, application/json | v2beta1",
            "plain json   | application/json | null",
            "any          | */* | null",
            "protobuf     | application/vnd.kubernetes.protobuf, application/json | null",
            "other group  | application/json;g=example.com;v=v2;as=APIGroupDiscoveryList | null",
            "unknown v    | application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json | null",
            "no header    | null | null",
    })
    void aggregatedVersion(String client, String accept, String expected) {
        assertThat(NonResourceHandler.aggregatedVersion(accept)).isEqualTo(expected);
    }
}
