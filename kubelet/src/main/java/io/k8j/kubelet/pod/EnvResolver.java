package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's environment as the kubelet's makeEnvironmentVariables builds it: KUBERNETES_SERVICE_HOST and
 * _PORT, envFrom, then env in order, then the Service variables ({@link ServiceEnv}) the container did not set
 * itself; values from literals, fieldRef and resourceFieldRef (the downward API), ConfigMap and Secret keys. A missing
 * non-optional reference fails the container's creation (CreateContainerConfigError).
 */
final class EnvResolver {
    private final ConfigSource configs;
    private final Map<String, String> allocatable;

    EnvResolver(ConfigSource configs, Map<String, String> allocatable) {
        this.configs = configs;
        this.allocatable = allocatable;
    }

    Map<String, String> resolve(Pod pod, Container c, String podIp, String hostIp) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        // The kubelet gives every container the API server's service, whatever enableServiceLinks says.
        ConfigSource.HostPort api = configs.apiServer();
        if (api != null) {
            env.put("KUBERNETES_SERVICE_HOST", api.host());
            env.put("KUBERNETES_SERVICE_PORT", Integer.toString(api.port()));
        }
        for (EnvFromSource from : c.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = require(configs.configMap(ns, from.getConfigMapRef().getName()), "configmap",
                        from.getConfigMapRef().getName(), from.getConfigMapRef().getOptional());
                if (cm != null && cm.getData() != null) {
                    cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.getSecretRef() != null) {
                Secret s = require(configs.secret(ns, from.getSecretRef().getName()), "secret",
                        from.getSecretRef().getName(), from.getSecretRef().getOptional());
                if (s != null && s.getData() != null) {
                    s.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
                }
            }
        }
        for (EnvVar v : c.getEnv()) {
            String value = v.getValueFrom() == null ? v.getValue() : from(pod, c, v.getValueFrom(), podIp, hostIp);
            if (value != null) {
                env.put(v.getName(), value);
            }
        }
        boolean links = pod.getSpec().getEnableServiceLinks() == null || pod.getSpec().getEnableServiceLinks();
        ServiceEnv.of(configs.services(ns), ns, links).forEach(env::putIfAbsent);
        return env;
    }

    private String from(Pod pod, Container c, EnvVarSource src, String podIp, String hostIp) {
        String ns = pod.getMetadata().getNamespace();
        if (src.getFieldRef() != null) {
            return FieldRefs.value(pod, src.getFieldRef().getFieldPath(), podIp, hostIp);
        }
        if (src.getConfigMapKeyRef() != null) {
            var ref = src.getConfigMapKeyRef();
            ConfigMap cm = require(configs.configMap(ns, ref.getName()), "configmap", ref.getName(), ref.getOptional());
            String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
            return value != null ? value : requireKey(ref.getKey(), "configmap", ref.getName(), ref.getOptional());
        }
        if (src.getSecretKeyRef() != null) {
            var ref = src.getSecretKeyRef();
            Secret s = require(configs.secret(ns, ref.getName()), "secret", ref.getName(), ref.getOptional());
            String value = s == null || s.getData() == null ? null : s.getData().get(ref.getKey());
            return value != null ? decode(value) : requireKey(ref.getKey(), "secret", ref.getName(), ref.getOptional());
        }
        if (src.getResourceFieldRef() != null) {
            return ResourceFieldRefs.value(pod, c.getName(), src.getResourceFieldRef(), allocatable);
        }
        return null;
    }

    private static <T> T require(T obj, String kind, String name, Boolean optional) {
        if (obj == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException(kind + " \"" + name + "\" not found");
        }
        return obj;
    }

    private static String requireKey(String key, String kind, String name, Boolean optional) {
        if (!Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("couldn't find key " + key + " in " + kind + " " + name);
        }
        return null;
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
