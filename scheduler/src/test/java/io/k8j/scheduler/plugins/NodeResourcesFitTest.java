package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodRequests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NodeResourcesFitTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("empty pod fits", pod("p").build(), node("n").info(), List.of()),
                arguments("fits in what is left", pod("p").req("cpu", "1").build(),
                        node("n").info(pod("a").req("cpu", "3").build()), List.of()),
                arguments("cpu beyond what is left", pod("p").req("cpu", "1500m").build(),
                        node("n").info(pod("a").req("cpu", "3").build()), List.of("Insufficient cpu")),
                arguments("memory", pod("p").req("memory", "9Gi").build(), node("n").info(), List.of("Insufficient memory")),
                arguments("every reason at once", pod("p").req("cpu", "5").req("memory", "9Gi").build(),
                        node("n").alloc("pods", "1").info(pod("a").build()),
                        List.of("Too many pods", "Insufficient cpu", "Insufficient memory")),
                arguments("init container max rule: largest init wins", pod("p").req("cpu", "1").initReq("cpu", "5").build(),
                        node("n").info(), List.of("Insufficient cpu")),
                arguments("init container smaller than app containers", pod("p").req("cpu", "3").initReq("cpu", "2").build(),
                        node("n").info(), List.of()),
                arguments("extended resource missing on node", pod("p").req("example.com/gpu", "1").build(),
                        node("n").info(), List.of("Insufficient example.com/gpu")),
                arguments("extended resource available", pod("p").req("example.com/gpu", "1").build(),
                        node("n").alloc("example.com/gpu", "2").info(), List.of()),
                arguments("ephemeral storage", pod("p").req("ephemeral-storage", "1Gi").build(),
                        node("n").info(), List.of("Insufficient ephemeral-storage")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void insufficient(String name, Pod pod, NodeInfo node, List<String> reasons) {
        assertThat(NodeResourcesFit.insufficient(PodRequests.of(pod), node.allocatable(), node.requested(), node.pods().size()))
                .isEqualTo(reasons);
    }
}
