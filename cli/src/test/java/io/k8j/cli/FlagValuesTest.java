package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Taint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Bad flag values are refused while `k8j server` parses its command line, before anything starts. */
class FlagValuesTest {
    private static ServerCommand parse(String... args) {
        ServerCommand server = new ServerCommand();
        new CommandLine(server).parseArgs(args);
        return server;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--kubelet-port|70000|Invalid value for option '--kubelet-port': '70000' is not a port number (0-65535)",
            "--https-listen-port|http|Invalid value for option '--https-listen-port': 'http' is not a port number (0-65535)",
            "--container-runtime|docker|Invalid value for option '--container-runtime': expected one of [containerd, process, simulated] but was 'docker'",
            "--node-taint|dedicated=web|Invalid value for option '--node-taint' (KEY[=VALUE]:EFFECT): 'dedicated=web' is not KEY[=VALUE]:EFFECT with EFFECT NoSchedule, PreferNoSchedule or NoExecute",
            "--node-taint|a=b:NoRun|Invalid value for option '--node-taint' (KEY[=VALUE]:EFFECT): 'a=b:NoRun' is not KEY[=VALUE]:EFFECT with EFFECT NoSchedule, PreferNoSchedule or NoExecute",
            "--node-ip|localhost|Invalid value for option '--node-ip': 'localhost' is not an IP address",
            "--node-ip|0.0.0.0|Invalid value for option '--node-ip': '0.0.0.0' is not the address of a node",
            "--node-external-ip|0:0:0:0:0:0:0:0|Invalid value for option '--node-external-ip': '0:0:0:0:0:0:0:0' is not the address of a node",
            "--node-external-ip|::|Invalid value for option '--node-external-ip': '::' is not the address of a node",
            "--bind-address|10.0.0|Invalid value for option '--bind-address': '10.0.0' is not an IP address",
            "--pod-loopback-block|0|Invalid value for option '--pod-loopback-block': '0' is not a number from 1 to 254",
            "--node-monitor-period|5|Invalid value for option '--node-monitor-period': '5' is not a duration such as 500ms, 40s, 5m or 1h",
            "--datastore-endpoint|etcd:2379|Invalid value for option '--datastore-endpoint': expected http[s]://host:port[,...] for etcd, or nothing for embedded SQLite"})
    void refusesBadValuesWithOneLine(String flag, String value, String message) {
        assertThatThrownBy(() -> parse(flag, value)).isInstanceOf(CommandLine.ParameterException.class).hasMessage(message);
    }

    @Test
    void parsesGoodValues() {
        ServerCommand server = parse("--kubelet-port", "0", "--container-runtime", "simulated", "--node-taint",
                "node-role.kubernetes.io/control-plane:NoSchedule", "--node-taint", "dedicated=web:NoExecute",
                "--node-ip", "::1", "--node-monitor-period", "500ms", "--pod-loopback-block", "254");

        assertThat(server.kubelet.kubeletPort).isZero();
        assertThat(server.kubelet.containerRuntime).isEqualTo(KubeletOptions.RuntimeKind.SIMULATED);
        assertThat(server.kubelet.taints).extracting(Taint::getKey, Taint::getValue, Taint::getEffect).containsExactly(
                tuple("node-role.kubernetes.io/control-plane", null, "NoSchedule"),
                tuple("dedicated", "web", "NoExecute"));
        assertThat(server.kubelet.nodeIp).isEqualTo("::1");
        assertThat(server.nodeMonitor.period).isEqualTo(Duration.ofMillis(500));
        assertThat(server.kubelet.loopbackBlock).isEqualTo(254);
    }

    @Test
    void defaultsAreK3ssAndLoopback() {
        ServerCommand server = parse();

        assertThat(server.port).isEqualTo(6443);
        assertThat(server.kubelet.kubeletPort).isEqualTo(10250);
        assertThat(server.kubelet.nodeIp).isEqualTo("127.0.0.1");
        assertThat(server.kubelet.nodeExternalIp).isNull();
        assertThat(server.kubelet.containerRuntime).as("chosen at start: containerd where installed, else process").isNull();
    }
}
