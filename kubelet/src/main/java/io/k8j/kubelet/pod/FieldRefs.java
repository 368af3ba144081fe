package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The downward API's fieldRef paths, as kube's fieldpath.ExtractFieldPathAsString plus the kubelet's own. */
final class FieldRefs {
    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private FieldRefs() {
    }

    static String value(Pod pod, String path, String podIp, String hostIp) {
        var meta = pod.getMetadata();
        Matcher m = SUBSCRIPT.matcher(path);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.podIPs" -> podIp;
            case "status.hostIP", "status.hostIPs" -> hostIp;
            default -> throw new IllegalStateException("unsupported fieldRef " + path);
        };
    }
}
