package io.k8j.e2e.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Nodes without a kubelet: Node objects a test creates and whose status (allocatable, Ready) it writes,
 * and whose heartbeat Lease in kube-node-lease it renews, as a kubelet would, so that the node lifecycle
 * controller keeps them healthy. {@link #stopHeartbeat} makes one fall silent.
 */
public final class SimulatedNodes {
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long RENEW_SECONDS = 2;
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-node-heartbeats");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, ScheduledFuture<?>> BEATING = new ConcurrentHashMap<>();

    private SimulatedNodes() {
    }

    public static void add(Kubectl kubectl, String name, String cpu) {
        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"kubernetes.io/hostname\":\"" + name + "\"}}}", "create", "-f", "-");
        String resources = "{\"cpu\":\"" + cpu + "\",\"memory\":\"8Gi\",\"pods\":\"110\"}";
        kubectl.ok("patch", "node", name, "--subresource=status", "--type=merge", "-p", "{\"status\":{\"capacity\":"
                + resources + ",\"allocatable\":" + resources + ",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"reason\":\"KubeletReady\",\"message\":\"simulated\"}]}}");
        startHeartbeat(kubectl, name);
    }

    /**
     * Creates the node's Lease and renews it every 2 s until {@link #stopHeartbeat}, or until the server stops
     * answering (the test is over).
     */
    private static void startHeartbeat(Kubectl kubectl, String name) {
        ApiClient api = ApiClient.fromKubeconfig(kubectl.kubeconfig());
        String leases = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
        ApiClient.Response created = api.post(leases, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"holderIdentity\":\""
                + name + "\",\"leaseDurationSeconds\":40,\"renewTime\":\"" + now() + "\"}}");
        if (created.code() != 201) {
            throw new AssertionError("lease of " + name + ": " + created);
        }
        BEATING.put(key(kubectl, name), HEARTBEATS.scheduleWithFixedDelay(() -> {
            try {
                ApiClient.Response r = api.patch(leases + "/" + name, "application/merge-patch+json",
                        "{\"spec\":{\"renewTime\":\"" + now() + "\"}}");
                if (r.code() != 200) {
                    stopHeartbeat(kubectl, name);
                }
            } catch (RuntimeException e) {
                stopHeartbeat(kubectl, name);
            }
        }, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS));
    }

    /** The node stops renewing its Lease, as if its kubelet had died. */
    public static void stopHeartbeat(Kubectl kubectl, String name) {
        ScheduledFuture<?> beat = BEATING.remove(key(kubectl, name));
        if (beat != null) {
            beat.cancel(false);
        }
    }

    private static String key(Kubectl kubectl, String name) {
        return kubectl.kubeconfig() + "|" + name;
    }

    private static String now() {
        return MICRO_TIME.format(Instant.now());
    }
}
