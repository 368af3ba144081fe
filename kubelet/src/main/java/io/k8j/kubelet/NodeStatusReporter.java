package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k8j.kubelet.runtime.Image;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the Node (labels, taints) and keeps its status current: capacity and allocatable, the
 * Ready and pressure conditions with their heartbeat, addresses, the kubelet endpoint and nodeInfo.
 */
public final class NodeStatusReporter {
    /** kubelet's --node-status-max-images and maxNamesPerImageInNodeStatus. */
    private static final int MAX_IMAGES = 50;
    private static final int MAX_NAMES = 5;

    private final KubernetesClient client;
    private final KubeletConfig config;
    private final String runtimeVersion;
    private final MachineInfo machine;
    private final Supplier<List<Image>> images;
    private final Clock clock;
    private String readySince;

    /** {@code images}: what the runtime holds (the runtime's ListImages), for status.images. */
    public NodeStatusReporter(KubernetesClient client, KubeletConfig config, String runtimeVersion, MachineInfo machine,
                              Supplier<List<Image>> images, Clock clock) {
        this.client = client;
        this.config = config;
        this.runtimeVersion = runtimeVersion;
        this.machine = machine;
        this.images = images;
        this.clock = clock;
    }

    /** Creates the Node, or on a restart keeps the existing object (and its uid). Returns it. */
    public Node register() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", config.nodeName());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", "amd64");
        Node node = new NodeBuilder().withNewMetadata().withName(config.nodeName()).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(config.taints()).endSpec().build();
        try {
            return client.nodes().resource(node).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return client.nodes().withName(config.nodeName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("metadata", Map.of("labels", labels))));
        }
    }

    /** Writes the status with a fresh heartbeat. */
    public void report(int nodeServerPort) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (readySince == null) {
            readySince = now;
        }
        Map<String, Quantity> resources = new LinkedHashMap<>();
        config.capacity().forEach((k, v) -> resources.put(k, new Quantity(v)));
        List<Map<String, Object>> conditions = List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("capacity", resources);
        status.put("allocatable", resources);
        status.put("conditions", conditions);
        status.put("addresses", addresses());
        status.put("daemonEndpoints", Map.of("kubeletEndpoint", Map.of("Port", nodeServerPort)));
        Map<String, String> nodeInfo = new LinkedHashMap<>(machine.asNodeInfo());
        nodeInfo.putAll(Map.of("kubeletVersion", KubeletConfig.VERSION, "kubeProxyVersion", "",
                "containerRuntimeVersion", runtimeVersion, "operatingSystem", "linux", "architecture", "amd64"));
        status.put("nodeInfo", nodeInfo);
        images().ifPresent(list -> status.put("images", list));
        client.nodes().withName(config.nodeName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status)));
    }

    /**
     * status.images as the kubelet writes them: the 50 largest, each with its digests then tags (5 names at most);
     * absent (the last report stands) when the runtime cannot answer.
     */
    private java.util.Optional<List<Map<String, Object>>> images() {
        try {
            return java.util.Optional.of(images.get().stream().sorted(java.util.Comparator.comparingLong(Image::size).reversed())
                    .limit(MAX_IMAGES).map(i -> Map.<String, Object>of("names", java.util.stream.Stream.concat(
                            i.repoDigests().stream(), i.repoTags().stream()).limit(MAX_NAMES).toList(), "sizeBytes", i.size()))
                    .toList());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** In kube's order: InternalIP, ExternalIP (when given), Hostname. */
    private List<Map<String, String>> addresses() {
        List<Map<String, String>> addresses = new ArrayList<>();
        addresses.add(Map.of("type", "InternalIP", "address", config.hostIp()));
        if (config.externalIp() != null) {
            addresses.add(Map.of("type", "ExternalIP", "address", config.externalIp()));
        }
        addresses.add(Map.of("type", "Hostname", "address", config.nodeName()));
        return addresses;
    }

    private Map<String, Object> condition(String type, String status, String reason, String message, String now) {
        return Map.of("type", type, "status", status, "reason", reason, "message", message,
                "lastHeartbeatTime", now, "lastTransitionTime", readySince);
    }
}
