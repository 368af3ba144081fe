package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where pods/{name}/exec, attach and portforward go on the pod's kubelet, or kube-apiserver's error for the
 * pod, container or node (ExecLocation, AttachLocation, PortForwardLocation): host:port of the node server
 * and the path with the options the kubelet needs.
 */
record PodStreamTarget(String address, String pathAndQuery) {
    private static final List<String> PASSED = List.of("stdin", "stdout", "stderr", "tty");

    static PodStreamTarget of(Registry registry, ApiRequest req, RequestInfo info) {
        GenericStore pods = registry.store(registry.catalog().find("", "v1", "pods").orElseThrow());
        String ns = info.namespace();
        String name = info.name();
        ObjectNode pod = pods.get(ns, name);
        String sub = info.subresource();
        String phase = pod.path("status").path("phase").asText("");
        if (!sub.equals("portforward") && (phase.equals("Succeeded") || phase.equals("Failed"))) {
            throw ApiException.badRequest("cannot " + (sub.equals("exec") ? "exec into" : "attach to")
                    + " a container in a completed pod; current phase is " + phase);
        }
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        ObjectNode node = registry.store(registry.catalog().find("", "v1", "nodes").orElseThrow()).get(null, nodeName);
        String address = KubeletProxy.address(node);
        if (sub.equals("portforward")) {
            String ports = req.param("ports");
            return new PodStreamTarget(address, "/portForward/" + ns + "/" + name
                    + (ports == null ? "" : "?ports=" + URLEncoder.encode(ports, StandardCharsets.UTF_8)));
        }
        String container = PodLogs.container(pod, name, req.param("container"));
        StringBuilder query = new StringBuilder();
        for (String c : req.raw().params().getAll("command")) {
            append(query, "command", c);
        }
        for (String p : PASSED) {
            String v = req.param(p);
            if (v != null) {
                append(query, p, v);
            }
        }
        return new PodStreamTarget(address, "/" + sub + "/" + ns + "/" + name + "/" + container + query);
    }

    private static void append(StringBuilder query, String key, String value) {
        query.append(query.isEmpty() ? "?" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
