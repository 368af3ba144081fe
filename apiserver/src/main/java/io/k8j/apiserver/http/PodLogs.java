package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;

import java.util.ArrayList;
import java.util.List;

/**
 * GET pods/{name}/log, as kube-apiserver's LogREST: find the pod's node and container, then stream the
 * kubelet's /containerLogs through. Errors read as kube's, the kubelet's too ({@link KubeletErrors}).
 */
final class PodLogs {
    private final Registry registry;
    private final KubeletProxy kubelets;

    PodLogs(Registry registry, KubeletProxy kubelets) {
        this.registry = registry;
        this.kubelets = kubelets;
    }

    void handle(ApiRequest req, RequestInfo info, GenericStore pods, String ns) {
        if (!info.verb().equals("get")) {
            throw ApiException.methodNotAllowed();
        }
        String query = PodLogOptions.query(req::param, info.name());
        ObjectNode pod = pods.get(ns, info.name());
        String name = info.name();
        String container = container(pod, name, req.param("container"));
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            // kube's LogLocation has no location for an unscheduled pod, and the stream of nothing is a 204.
            req.raw().response().setStatusCode(204).end();
            return;
        }
        ObjectNode node = registry.store(registry.catalog().find("", "v1", "nodes").orElseThrow()).get(null, nodeName);
        kubelets.stream(req, node, "/containerLogs/" + ns + "/" + name + "/" + container + query, "pods/log", name);
    }

    /** The container asked for, or the pod's only (or default-container) one; kube's messages otherwise. */
    static String container(ObjectNode pod, String name, String asked) {
        List<String> names = new ArrayList<>();
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (JsonNode c : pod.path("spec").path(list)) {
                names.add(c.path("name").asText());
            }
        }
        if (asked != null && !asked.isEmpty()) {
            if (!names.contains(asked)) {
                throw ApiException.badRequest("container " + asked + " is not valid for pod " + name);
            }
            return asked;
        }
        JsonNode containers = pod.path("spec").path("containers");
        String annotated = pod.path("metadata").path("annotations").path("kubectl.kubernetes.io/default-container").asText("");
        if (!annotated.isEmpty() && names.contains(annotated)) {
            return annotated;
        }
        if (containers.size() == 1) {
            return containers.get(0).path("name").asText();
        }
        List<String> main = new ArrayList<>();
        containers.forEach(c -> main.add(c.path("name").asText()));
        throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: " + main);
    }
}
