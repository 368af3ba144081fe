package io.k8j.cri.containerd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodMasqueradeTest {
    @Test
    void masqueradesOnlyPodTrafficLeavingTheClusterCidr() {
        assertThat(new PodMasquerade("10.244.0.0/16").rules()).isEqualTo("""
                *nat
                :K8J-POD-MASQ - [0:0]
                -A K8J-POD-MASQ ! -s 10.244.0.0/16 -j RETURN
                -A K8J-POD-MASQ -d 10.244.0.0/16 -j RETURN
                -A K8J-POD-MASQ -d 224.0.0.0/4 -j RETURN
                -A K8J-POD-MASQ -m comment --comment "k8j: pod traffic leaving the cluster" -j MASQUERADE --random-fully
                COMMIT
                """);
    }
}
