package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment of a container process: only the pod spec's variables (already resolved by the
 * kubelet), plus what a process on the host needs in place of an image and mount namespace.
 */
final class ProcessEnv {
    private ProcessEnv() {
    }

    static Map<String, String> of(ContainerConfig config, ProcessSandbox sandbox, Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        // No image supplies PATH; the host's lets "sh", "sleep" and friends resolve.
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", workDir.toString());
        env.put("HOSTNAME", sandbox.config.hostname());
        // The address to bind: the pod's own loopback address, as the downward API's status.podIP gives it.
        env.put("POD_IP", sandbox.ip);
        for (ContainerConfig.Mount m : config.mounts()) {
            env.put(volumeVariable(m.name()), m.hostPath().toString());
        }
        env.putAll(config.env());
        return env;
    }

    /** K8J_VOLUME_&lt;NAME&gt;: the host directory behind a volume mount, which cannot be remapped. */
    static String volumeVariable(String volume) {
        return "K8J_VOLUME_" + volume.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
