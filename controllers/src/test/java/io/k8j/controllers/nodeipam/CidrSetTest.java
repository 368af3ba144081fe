package io.k8j.controllers.nodeipam;

import io.k8j.client.net.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrSetTest {
    private static Ipv4Cidr cidr(String s) {
        return Ipv4Cidr.parse(s);
    }

    @Test
    void handsOutNodeSubnetsInOrderUntilExhausted() {
        CidrSet set = new CidrSet(cidr("10.244.0.0/22"), 24);
        assertThat(set.allocateNext()).contains(cidr("10.244.0.0/24"));
        assertThat(set.allocateNext()).contains(cidr("10.244.1.0/24"));
        assertThat(set.allocateNext()).contains(cidr("10.244.2.0/24"));
        assertThat(set.allocateNext()).contains(cidr("10.244.3.0/24"));
        assertThat(set.allocateNext()).isEmpty();
    }

    @Test
    void occupiedSubnetsAreSkippedAndReleasedOnesComeBackAfterTheRest() {
        CidrSet set = new CidrSet(cidr("10.244.0.0/22"), 24);
        assertThat(set.occupy(cidr("10.244.0.0/24"))).isTrue();
        assertThat(set.occupy(cidr("10.244.2.0/24"))).isTrue();
        assertThat(set.allocateNext()).contains(cidr("10.244.1.0/24"));
        set.release(cidr("10.244.0.0/24"));
        assertThat(set.allocateNext()).contains(cidr("10.244.3.0/24"));
        assertThat(set.allocateNext()).contains(cidr("10.244.0.0/24"));
        assertThat(set.allocateNext()).isEmpty();
    }

    @Test
    void subnetsOfAnotherRangeOrSizeAreNotItsOwn() {
        CidrSet set = new CidrSet(cidr("10.244.0.0/16"), 24);
        assertThat(set.occupy(cidr("10.42.0.0/24"))).isFalse();
        assertThat(set.occupy(cidr("10.244.0.0/25"))).isFalse();
        assertThat(set.allocateNext()).contains(cidr("10.244.0.0/24"));
    }

    @Test
    void refusesMaskSizesOutsideTheClusterCidrOrTooFine() {
        assertThatThrownBy(() -> new CidrSet(cidr("10.244.0.0/16"), 12)).hasMessageContaining("--node-cidr-mask-size 12");
        assertThatThrownBy(() -> new CidrSet(cidr("10.0.0.0/8"), 30)).hasMessageContaining("more than 2^16");
    }
}
