package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k8j.client.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Static pods: YAML or JSON manifests in DATA_DIR/manifests, run by this kubelet without the control
 * plane (named &lt;name&gt;-&lt;node&gt;, uid from the manifest's content), and shown in the API as mirror
 * pods (annotation kubernetes.io/config.mirror, owned by the Node) once the API can be reached.
 */
final class StaticPods {
    private static final Logger LOG = LoggerFactory.getLogger(StaticPods.class);
    static final String MIRROR = "kubernetes.io/config.mirror";

    private final Path dir;
    private final String nodeName;
    private final KubernetesClient client;
    private final Consumer<String> resync;
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private volatile Node node;

    StaticPods(Path dir, String nodeName, KubernetesClient client, Consumer<String> resync) {
        this.dir = dir;
        this.nodeName = nodeName;
        this.client = client;
        this.resync = resync;
    }

    boolean contains(String key) {
        return pods.containsKey(key);
    }

    Pod get(String key) {
        return pods.get(key);
    }

    Set<String> uids() {
        return pods.values().stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    void node(Node registered) {
        this.node = registered;
    }

    /** Re-reads the manifests (added, changed and removed files take effect), then mirrors them. */
    void scan() {
        Map<String, Pod> found = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().forEach(f -> read(f, found));
            } catch (IOException e) {
                LOG.warn("static pods in {}: {}", dir, e.toString());
            }
        }
        pods.keySet().stream().filter(k -> !found.containsKey(k)).toList().forEach(k -> {
            pods.remove(k);
            resync.accept(k);
        });
        found.forEach((k, pod) -> {
            Pod before = pods.put(k, pod);
            if (before == null || !before.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                resync.accept(k);
            }
        });
        if (node != null) {
            pods.values().forEach(this::mirror);
        }
    }

    private void read(Path file, Map<String, Pod> into) {
        try {
            String text = Files.readString(file);
            Pod pod = Serialization.unmarshal(text, Pod.class);
            var m = pod.getMetadata();
            m.setName(m.getName() + "-" + nodeName);
            m.setNamespace(m.getNamespace() == null ? "default" : m.getNamespace());
            String hash = UUID.nameUUIDFromBytes((nodeName + "\n" + text).getBytes(StandardCharsets.UTF_8)).toString();
            m.setUid(hash);
            Map<String, String> annotations = m.getAnnotations() == null ? new HashMap<>() : new HashMap<>(m.getAnnotations());
            annotations.put("kubernetes.io/config.source", "file");
            annotations.put("kubernetes.io/config.hash", hash);
            m.setAnnotations(annotations);
            pod.getSpec().setNodeName(nodeName);
            into.put(Keys.of(pod), pod);
        } catch (IOException | RuntimeException e) {
            LOG.warn("static pod manifest {}: {}", file, e.getMessage());
        }
    }

    /** Creates the mirror pod, replacing one that is deleted or from an older manifest. */
    private void mirror(Pod pod) {
        var m = pod.getMetadata();
        var api = client.pods().inNamespace(m.getNamespace()).withName(m.getName());
        try {
            Pod current = api.get();
            String hash = m.getUid();
            if (current != null && (current.getMetadata().getDeletionTimestamp() != null
                    || current.getMetadata().getAnnotations() == null
                    || !hash.equals(current.getMetadata().getAnnotations().get(MIRROR)))) {
                api.withGracePeriod(0).delete();
                current = null;
            }
            if (current == null) {
                Pod mirror = Serialization.clone(pod);
                mirror.getMetadata().setUid(null);
                mirror.getMetadata().getAnnotations().put(MIRROR, hash);
                mirror.getMetadata().setOwnerReferences(java.util.List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                        .withApiVersion("v1").withKind("Node").withName(nodeName).withUid(node.getMetadata().getUid())
                        .withController(true).build()));
                client.pods().inNamespace(m.getNamespace()).resource(mirror).create();
                resync.accept(Keys.of(pod));
            }
        } catch (KubernetesClientException e) {
            LOG.debug("mirror pod {}/{}: {}", m.getNamespace(), m.getName(), e.getMessage());
        }
    }
}
