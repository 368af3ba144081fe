package io.k8j.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a node says of its machine in status.nodeInfo, read where the kubelet's cAdvisor reads it. */
public record MachineInfo(String machineId, String systemUuid, String bootId, String osImage, String kernelVersion) {

    /** This host: /etc/machine-id, the DMI product uuid, this boot's id, os-release's PRETTY_NAME, the kernel. */
    public static MachineInfo ofHost() {
        String kernel = System.getProperty("os.version");
        return new MachineInfo(read("/etc/machine-id"), read("/sys/class/dmi/id/product_uuid"),
                read("/proc/sys/kernel/random/boot_id"), prettyName().orElse(System.getProperty("os.name") + " " + kernel),
                kernel);
    }

    /** A simulated node has no machine of its own: no ids, and the host's kernel. */
    public static MachineInfo simulated() {
        String kernel = System.getProperty("os.version");
        return new MachineInfo("", "", "", System.getProperty("os.name") + " " + kernel, kernel);
    }

    Map<String, String> asNodeInfo() {
        return Map.of("machineID", machineId, "systemUUID", systemUuid, "bootID", bootId, "osImage", osImage,
                "kernelVersion", kernelVersion);
    }

    private static Optional<String> prettyName() {
        for (String line : read("/etc/os-release").lines().toList()) {
            if (line.startsWith("PRETTY_NAME=")) {
                return Optional.of(line.substring("PRETTY_NAME=".length()).replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    /** The file's content trimmed, or "" where the machine has no such file (a container, no DMI). */
    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
