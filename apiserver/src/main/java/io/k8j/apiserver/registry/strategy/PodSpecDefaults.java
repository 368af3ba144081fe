package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Defaulting of a PodSpec (kube's SetDefaults_PodSpec and the defaults of everything nested in it), the one
 * implementation used by Pods and by every workload's pod template. Pod-only defaults (enableServiceLinks,
 * requests from limits) live in {@link PodStrategy}, as kube keeps them out of templates.
 */
final class PodSpecDefaults {
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final int DEFAULT_MODE = 0644; // 420, what kube shows for configMap/secret volumes

    private PodSpecDefaults() {
    }

    static void apply(ObjectNode spec) {
        Tree.defaultText(spec, "dnsPolicy", "ClusterFirst");
        Tree.defaultText(spec, "restartPolicy", "Always");
        if (!Tree.isSet(spec, "securityContext")) {
            spec.putObject("securityContext");
        }
        Tree.defaultNumber(spec, "terminationGracePeriodSeconds", 30);
        Tree.defaultText(spec, "schedulerName", "default-scheduler");
        // v1 conversion keeps the deprecated serviceAccount alias in step with serviceAccountName.
        if (!Tree.text(spec, "serviceAccount").isEmpty()) {
            Tree.defaultText(spec, "serviceAccountName", Tree.text(spec, "serviceAccount"));
        }
        if (!Tree.text(spec, "serviceAccountName").isEmpty()) {
            spec.put("serviceAccount", Tree.text(spec, "serviceAccountName"));
        }
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            Tree.objects(spec, list).forEach(PodSpecDefaults::container);
        }
        Tree.objects(spec, "volumes").forEach(PodSpecDefaults::volume);
    }

    private static void container(ObjectNode c) {
        Tree.defaultText(c, "imagePullPolicy", "latest".equals(imageTag(Tree.text(c, "image"))) ? "Always" : "IfNotPresent");
        Tree.defaultText(c, "terminationMessagePath", "/dev/termination-log");
        Tree.defaultText(c, "terminationMessagePolicy", "File");
        // resources is a plain struct in Go, so kube always shows it, if only as {}.
        Tree.obj(c, "resources");
        Tree.objects(c, "ports").forEach(p -> Tree.defaultText(p, "protocol", "TCP"));
        Tree.objects(c, "env").forEach(e -> fieldRef(Tree.objOrNull(e, "valueFrom")));
        for (String name : PROBES) {
            ObjectNode probe = Tree.objOrNull(c, name);
            if (probe != null) {
                Tree.defaultNonZero(probe, "timeoutSeconds", 1);
                Tree.defaultNonZero(probe, "periodSeconds", 10);
                Tree.defaultNonZero(probe, "successThreshold", 1);
                Tree.defaultNonZero(probe, "failureThreshold", 3);
                handler(probe);
                ObjectNode grpc = Tree.objOrNull(probe, "grpc");
                if (grpc != null) {
                    Tree.defaultText(grpc, "service", "");
                }
            }
        }
        ObjectNode lifecycle = Tree.objOrNull(c, "lifecycle");
        if (lifecycle != null) {
            handler(Tree.objOrNull(lifecycle, "postStart"));
            handler(Tree.objOrNull(lifecycle, "preStop"));
        }
    }

    private static void handler(ObjectNode h) {
        ObjectNode http = Tree.objOrNull(h, "httpGet");
        if (http != null) {
            Tree.defaultText(http, "path", "/");
            Tree.defaultText(http, "scheme", "HTTP");
        }
    }

    private static void fieldRef(ObjectNode holder) {
        ObjectNode ref = Tree.objOrNull(holder, "fieldRef");
        if (ref != null) {
            Tree.defaultText(ref, "apiVersion", "v1");
        }
    }

    private static void volume(ObjectNode v) {
        if (v.size() == 0 || v.size() == 1 && v.has("name")) {
            v.putObject("emptyDir");
        }
        ObjectNode hostPath = Tree.objOrNull(v, "hostPath");
        if (hostPath != null) {
            Tree.defaultText(hostPath, "type", "");
        }
        for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            ObjectNode s = Tree.objOrNull(v, source);
            if (s != null) {
                Tree.defaultNumber(s, "defaultMode", DEFAULT_MODE);
            }
        }
        Tree.objects(Tree.objOrNull(v, "downwardAPI"), "items").forEach(PodSpecDefaults::fieldRef);
        for (ObjectNode s : Tree.objects(Tree.objOrNull(v, "projected"), "sources")) {
            Tree.objects(Tree.objOrNull(s, "downwardAPI"), "items").forEach(PodSpecDefaults::fieldRef);
            ObjectNode token = Tree.objOrNull(s, "serviceAccountToken");
            if (token != null) {
                Tree.defaultNumber(token, "expirationSeconds", 3600);
            }
        }
        ObjectNode claimSpec = Tree.at(v, "ephemeral.volumeClaimTemplate.spec");
        if (claimSpec != null) {
            Tree.defaultText(claimSpec, "volumeMode", "Filesystem");
        }
    }

    /** The tag of an image reference: "latest" when it has neither tag nor digest, as docker parses it. */
    static String imageTag(String image) {
        if (image.isEmpty()) {
            return "";
        }
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            return name.substring(colon + 1);
        }
        return at >= 0 ? "" : "latest";
    }
}
