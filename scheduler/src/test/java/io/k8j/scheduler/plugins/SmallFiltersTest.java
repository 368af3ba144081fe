package io.k8j.scheduler.plugins;

import io.k8j.scheduler.framework.HostPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** NodeName, NodeUnschedulable and NodePorts: one table each. */
class SmallFiltersTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"-,n1,true", "n1,n1,true", "n2,n1,false"})
    void nodeName(String wanted, String node, boolean fits) {
        assertThat(NodeName.fits(wanted, node)).isEqualTo(fits);
    }

    @ParameterizedTest
    @CsvSource({"false,false,true", "true,false,false", "true,true,true"})
    void nodeUnschedulable(boolean cordoned, boolean tolerates, boolean fits) {
        var n = cordoned ? node("n").cordoned() : node("n");
        var p = tolerates ? pod("p").tolerate("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule") : pod("p");
        assertThat(NodeUnschedulable.fits(p.build().getSpec().getTolerations(), n.build())).isEqualTo(fits);
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0,TCP,80, 0.0.0.0,TCP,80, false",
            "0.0.0.0,TCP,80, 10.0.0.1,TCP,80, false",
            "10.0.0.2,TCP,80, 10.0.0.1,TCP,80, true",
            "0.0.0.0,UDP,80, 0.0.0.0,TCP,80, true",
            "0.0.0.0,TCP,81, 0.0.0.0,TCP,80, true"})
    void nodePorts(String ip, String proto, int port, String usedIp, String usedProto, int usedPort, boolean fits) {
        assertThat(NodePorts.fits(List.of(new HostPort(ip, proto, port)), List.of(new HostPort(usedIp, usedProto, usedPort))))
                .isEqualTo(fits);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void podHostPortsCountOnTheNode(boolean clash) {
        var used = node("n").info(pod("a").hostPort(8080).build()).usedPorts();
        var wanted = HostPort.of(pod("p").hostPort(clash ? 8080 : 9090).build());
        assertThat(NodePorts.fits(wanted, used)).isEqualTo(!clash);
    }
}
