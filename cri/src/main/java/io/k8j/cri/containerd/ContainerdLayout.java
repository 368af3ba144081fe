package io.k8j.cri.containerd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a node's own containerd keeps its files, all derived from the data dir so that the server, the agent,
 * {@code k8j images} and {@code k8j killall} find the same ones: DATA_DIR/agent/containerd holds the config,
 * root (images, snapshots), state (tasks, sandboxes' network namespaces), log and pid file; the socket is
 * there too unless that path is too long for a unix socket, then it is under /run/k8j/ID. CNI config and
 * host-local IPAM state are under DATA_DIR/agent/etc/cni and DATA_DIR/agent/cni; image archives to import at
 * start in DATA_DIR/agent/images (k3s's airgap directory).
 */
public record ContainerdLayout(Path dataDir) {
    /** sun_path is 108 bytes; containerd also listens on SOCKET.ttrpc. */
    private static final int MAX_SOCKET_PATH = 100;

    public Path dir() {
        return dataDir.resolve("agent/containerd");
    }

    public Path config() {
        return dir().resolve("config.toml");
    }

    public Path root() {
        return dir().resolve("root");
    }

    public Path state() {
        return dir().resolve("state");
    }

    public Path log() {
        return dir().resolve("containerd.log");
    }

    public Path pidFile() {
        return dir().resolve("containerd.pid");
    }

    public Path socket() {
        Path inDataDir = dir().resolve("containerd.sock");
        if (inDataDir.toString().length() <= MAX_SOCKET_PATH) {
            return inDataDir;
        }
        return Path.of("/run/k8j", id(), "containerd.sock");
    }

    public String endpoint() {
        return "unix://" + socket();
    }

    public Path cniConfDir() {
        return dataDir.resolve("agent/etc/cni/net.d");
    }

    public Path cniDataDir() {
        return dataDir.resolve("agent/cni");
    }

    /** containerd's registry host configs: REGISTRY/hosts.toml. */
    public Path registryHosts() {
        return dataDir.resolve("agent/etc/containerd/certs.d");
    }

    public Path images() {
        return dataDir.resolve("agent/images");
    }

    /** A short, stable name for this data dir. */
    String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(dataDir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether systemd is the init system (sd_booted's test), which decides runc's cgroup driver. */
    public static boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }
}
