package io.k8j.kubelet.runtime;

/** CRI AuthConfig: registry credentials for one pull, from an imagePullSecret (docker config JSON). */
public record PullAuth(String username, String password, String auth, String serverAddress) {
}
