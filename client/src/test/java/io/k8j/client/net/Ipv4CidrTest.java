package io.k8j.client.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ipv4CidrTest {
    @Test
    void normalisesToTheNetworkAddress() {
        assertThat(Ipv4Cidr.parse("10.42.7.9/16")).hasToString("10.42.0.0/16");
        assertThat(Ipv4Cidr.parse("10.43.0.0/16").address(10)).isEqualTo("10.43.0.10");
    }

    @Test
    void refusesWhatIsNoIpv4Cidr() {
        for (String bad : new String[] {"10.42.0.0", "10.42.0.0/33", "fd00::/64", "10.42.0.256/16", "10.42.0/16", "a/8"}) {
            assertThatThrownBy(() -> Ipv4Cidr.parse(bad)).hasMessage("invalid CIDR address: " + bad);
        }
    }

    @Test
    void subnetsAndTheirIndexes() {
        Ipv4Cidr cluster = Ipv4Cidr.parse("10.244.0.0/16");
        assertThat(cluster.subnet(3, 24)).hasToString("10.244.3.0/24");
        assertThat(cluster.indexOf(Ipv4Cidr.parse("10.244.3.0/24"))).isEqualTo(3);
        assertThat(cluster.indexOf(Ipv4Cidr.parse("10.245.3.0/24"))).isEqualTo(-1);
        assertThat(cluster.contains("10.244.255.1")).isTrue();
        assertThat(cluster.contains("10.245.0.1")).isFalse();
        assertThat(cluster.overlaps(Ipv4Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(cluster.overlaps(Ipv4Cidr.parse("10.43.0.0/16"))).isFalse();
    }
}
