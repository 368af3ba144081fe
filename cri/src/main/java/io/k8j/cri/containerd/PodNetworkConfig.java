package io.k8j.cri.containerd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The minimal pod network containerd's CRI plugin needs to create sandboxes: one CNI conflist with a bridge
 * (the pods' gateway on the node, hairpin for a pod reaching itself) with host-local IPAM on the node's pod CIDR
 * (its spec.podCIDR; IPAM state under the data dir), and portmap for hostPort. containerd adds the loopback
 * itself, and loads the file when it appears. The bridge does not masquerade (its ipMasq would NAT traffic to
 * other nodes' pods too): {@link PodMasquerade} does, for traffic leaving the cluster CIDR.
 */
public record PodNetworkConfig(String bridge, String podCidr) {
    public static final String NAME = "k8j";
    public static final String DEFAULT_BRIDGE = "k8j0";

    public Map<String, Object> conflist(Path ipamDataDir) {
        Map<String, Object> ipam = Map.of("type", "host-local", "ranges", List.of(List.of(Map.of("subnet", podCidr))),
                "routes", List.of(Map.of("dst", "0.0.0.0/0")), "dataDir", ipamDataDir.toString());
        Map<String, Object> bridgePlugin = Map.of("type", "bridge", "bridge", bridge, "isGateway", true, "ipMasq", false,
                "hairpinMode", true, "ipam", ipam);
        Map<String, Object> portmap = Map.of("type", "portmap", "capabilities", Map.of("portMappings", true));
        return Map.of("cniVersion", "1.0.0", "name", NAME, "plugins", List.of(bridgePlugin, portmap));
    }

    /**
     * Writes DATA_DIR/agent/etc/cni/net.d/10-k8j.conflist, the only config in that directory, through a rename,
     * so containerd never loads half a file.
     */
    public void write(ContainerdLayout layout) throws IOException {
        Files.createDirectories(layout.cniConfDir());
        Path staged = layout.cniConfDir().resolve("." + NAME + ".tmp");
        Files.write(staged, new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsBytes(conflist(layout.cniDataDir().resolve("networks"))));
        Files.move(staged, layout.cniConfDir().resolve("10-" + NAME + ".conflist"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
