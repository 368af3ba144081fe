package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Compact pods and nodes for plugin tables: {@code node("n1").cpu("4").label("zone", "a")}. */
public final class Fixtures {
    private Fixtures() {
    }

    public static NodeFixture node(String name) {
        return new NodeFixture(name);
    }

    public static PodFixture pod(String name) {
        return new PodFixture(name);
    }

    /** A node with cpu 4, memory 8Gi, 110 pods unless changed. */
    public static final class NodeFixture {
        final NodeBuilder b;
        final Map<String, Quantity> allocatable = new LinkedHashMap<>(Map.of("cpu", new Quantity("4"),
                "memory", new Quantity("8Gi"), "pods", new Quantity("110")));

        NodeFixture(String name) {
            b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
        }

        public NodeFixture alloc(String resource, String amount) {
            allocatable.put(resource, new Quantity(amount));
            return this;
        }

        public NodeFixture label(String k, String v) {
            b.editMetadata().addToLabels(k, v).endMetadata();
            return this;
        }

        public NodeFixture taint(String key, String value, String effect) {
            b.editSpec().addToTaints(new Taint(effect, key, null, value)).endSpec();
            return this;
        }

        public NodeFixture cordoned() {
            b.editSpec().withUnschedulable(true).endSpec();
            return this;
        }

        public Node build() {
            return b.withNewStatus().withAllocatable(allocatable).withCapacity(allocatable).endStatus().build();
        }

        /** A NodeInfo holding these pods (their spec.nodeName is not checked). */
        public NodeInfo info(Pod... pods) {
            NodeInfo info = new NodeInfo(build());
            for (Pod p : pods) {
                info.addPod(PodInfo.of(p));
            }
            return info;
        }
    }

    /** A pod in namespace default with one container "c". */
    public static final class PodFixture {
        final PodBuilder b;

        PodFixture(String name) {
            b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                    .withCreationTimestamp("2025-01-01T00:00:00Z").endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("busybox").withNewResources().endResources()
                    .endContainer().endSpec();
        }

        public PodFixture req(String resource, String amount) {
            b.editSpec().editFirstContainer().editResources().addToRequests(resource, new Quantity(amount))
                    .endResources().endContainer().endSpec();
            return this;
        }

        public PodFixture initReq(String resource, String amount) {
            b.editSpec().addNewInitContainer().withName("init" + resource).withNewResources()
                    .addToRequests(resource, new Quantity(amount)).endResources().endInitContainer().endSpec();
            return this;
        }

        public PodFixture label(String k, String v) {
            b.editMetadata().addToLabels(k, v).endMetadata();
            return this;
        }

        public PodFixture nodeSelector(String k, String v) {
            b.editSpec().addToNodeSelector(k, v).endSpec();
            return this;
        }

        public PodFixture tolerate(String key, String op, String value, String effect) {
            b.editSpec().addToTolerations(new Toleration(effect, key, op, null, value)).endSpec();
            return this;
        }

        public PodFixture hostPort(int port) {
            b.editSpec().editFirstContainer().addNewPort().withContainerPort(port).withHostPort(port).withProtocol("TCP")
                    .endPort().endContainer().endSpec();
            return this;
        }

        public PodFixture on(String node) {
            b.editSpec().withNodeName(node).endSpec();
            return this;
        }

        public PodFixture priority(int p) {
            b.editSpec().withPriority(p).endSpec();
            return this;
        }

        public PodFixture created(String timestamp) {
            b.editMetadata().withCreationTimestamp(timestamp).endMetadata();
            return this;
        }

        public PodFixture edit(java.util.function.UnaryOperator<PodBuilder> f) {
            f.apply(b);
            return this;
        }

        public Pod build() {
            return b.build();
        }
    }
}
