package io.k8j.e2e.support;

/**
 * Nodes without a kubelet: Node objects a test creates and whose status (allocatable, Ready) it writes,
 * as a kubelet would.
 */
public final class SimulatedNodes {
    private SimulatedNodes() {
    }

    public static void add(Kubectl kubectl, String name, String cpu) {
        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"kubernetes.io/hostname\":\"" + name + "\"}}}", "create", "-f", "-");
        String resources = "{\"cpu\":\"" + cpu + "\",\"memory\":\"8Gi\",\"pods\":\"110\"}";
        kubectl.ok("patch", "node", name, "--subresource=status", "--type=merge", "-p", "{\"status\":{\"capacity\":"
                + resources + ",\"allocatable\":" + resources + ",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"reason\":\"KubeletReady\",\"message\":\"simulated\"}]}}");
    }
}
