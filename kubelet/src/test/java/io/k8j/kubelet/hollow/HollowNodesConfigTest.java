package io.k8j.kubelet.hollow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HollowNodesConfigTest {
    @ParameterizedTest
    @CsvSource({"0, 172.16.0.2", "252, 172.16.0.254", "253, 172.16.1.1", "4999, 172.16.19.175"})
    void hostIpsAreAddressesOfANodeNetwork(int index, String ip) {
        assertThat(HollowNodesConfig.hostIp(index)).isEqualTo(ip);
    }

    @Test
    void tenThousandNodesHaveTenThousandHostIpsNeverEndingIn0Or255() {
        Set<String> ips = new HashSet<>();
        IntStream.range(0, 10_000).mapToObj(HollowNodesConfig::hostIp).forEach(ips::add);
        assertThat(ips).hasSize(10_000).noneMatch(ip -> ip.endsWith(".0") || ip.endsWith(".255"));
    }
}
