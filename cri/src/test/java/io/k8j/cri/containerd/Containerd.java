package io.k8j.cri.containerd;

import io.k8j.client.host.HostCommand;
import org.junit.jupiter.api.Assumptions;


/** Tests that run a real containerd need it, runc and root (network namespaces, mounts, cgroups). */
final class Containerd {
    private Containerd() {
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Assumptions.assumeTrue(HostCommand.onPath("containerd") && HostCommand.onPath("runc"), "needs containerd and runc");
    }
}
