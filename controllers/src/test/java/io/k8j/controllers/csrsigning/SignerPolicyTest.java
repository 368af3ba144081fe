package io.k8j.controllers.csrsigning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignerPolicyTest {
    private static final List<String> CLIENT = List.of("digital signature", "client auth");

    @Test
    void kubeletClientCertificatesAreExactlyANodesIdentity() throws Exception {
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,CN=system:node:a"), CLIENT)).isTrue();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,CN=system:node:a"),
                List.of("digital signature", "key encipherment", "client auth"))).isTrue();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,CN=system:node:a"), List.of("client auth"))).isFalse();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,CN=system:node:a"),
                List.of("digital signature", "client auth", "server auth"))).isFalse();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:masters,CN=system:node:a"), CLIENT)).isFalse();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,O=system:masters,CN=system:node:a"), CLIENT)).isFalse();
        assertThat(SignerPolicy.isKubeletClient(parse("O=system:nodes,CN=admin"), CLIENT)).isFalse();
        assertThat(SignerPolicy.isKubeletClient(ParsedRequest.parse(TestPki.request("O=system:nodes,CN=system:node:a", "a")),
                CLIENT)).isFalse();
    }

    @Test
    void eachSignerRefusesWhatItDoesNotSign() throws Exception {
        assertThat(SignerPolicy.APISERVER_CLIENT.refusal(parse("CN=bob"), List.of("client auth"))).isNull();
        assertThat(SignerPolicy.APISERVER_CLIENT.refusal(parse("CN=bob"), List.of("server auth"))).isNotNull();
        assertThat(SignerPolicy.KUBELET_SERVING.refusal(
                ParsedRequest.parse(TestPki.request("O=system:nodes,CN=system:node:a", "a")), List.of("server auth"))).isNull();
        assertThat(SignerPolicy.KUBELET_SERVING.refusal(parse("O=system:nodes,CN=system:node:a"), List.of("server auth")))
                .isNotNull();
        assertThat(SignerPolicy.of("example.com/other")).isNull();
    }

    private static ParsedRequest parse(String subject) throws Exception {
        return ParsedRequest.parse(TestPki.request(subject));
    }
}
