package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Rewrites secrets unchanged through the API: the server writes an unchanged object anyway when it is stored under
 * an older key (as kube does for stale data), so each rewrite re-encrypts one secret with the current key. A canary
 * secret, made before the new key exists and rewritten after, proves the server uses the new configuration.
 */
final class SecretRewriter implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    private final KubernetesClient client;

    private SecretRewriter(KubernetesClient client) {
        this.client = client;
    }

    static SecretRewriter connect(Path kubeconfig) {
        try {
            return new SecretRewriter(new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build());
        } catch (IOException e) {
            throw new StartupFailure("cannot read kubeconfig " + kubeconfig + " (" + e.getMessage() + "); give --kubeconfig");
        }
    }

    /** Creates the canary, under the key in force now. */
    Secret createCanary() {
        return call("create the canary secret", () -> client.secrets().inNamespace("kube-system").resource(new SecretBuilder()
                .withNewMetadata().withName("k8j-secrets-encrypt-canary-" + UUID.randomUUID().toString().substring(0, 8))
                .endMetadata().addToStringData("canary", "rotation").build()).create());
    }

    /** Whether rewriting the canary wrote it: the server now encrypts with another key than when it was made. */
    boolean serverUsesNewKey(Secret canary) {
        Secret after = call("rewrite the canary secret", () -> client.secrets().inNamespace("kube-system").resource(canary).update());
        return !after.getMetadata().getResourceVersion().equals(canary.getMetadata().getResourceVersion());
    }

    void delete(Secret canary) {
        call("delete the canary secret", () -> client.secrets().inNamespace("kube-system").resource(canary).delete());
    }

    /** Rewrites every secret; returns how many it saw. A secret written meanwhile by others is already re-encrypted. */
    int rewriteAll() {
        int count = 0;
        for (Secret listed : call("list secrets", () -> client.secrets().inAnyNamespace().list().getItems())) {
            rewrite(listed.getMetadata().getNamespace(), listed.getMetadata().getName());
            count++;
        }
        return count;
    }

    private void rewrite(String namespace, String name) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Secret current = call("read secret " + namespace + "/" + name,
                    () -> client.secrets().inNamespace(namespace).withName(name).get());
            if (current == null) {
                return;
            }
            try {
                client.secrets().inNamespace(namespace).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw failure("rewrite secret " + namespace + "/" + name, e);
                }
            }
        }
        throw new StartupFailure("secret " + namespace + "/" + name + " kept changing: " + ATTEMPTS + " rewrites conflicted");
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw failure(what, e);
        }
    }

    private static StartupFailure failure(String what, KubernetesClientException e) {
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new StartupFailure("cannot " + what + ": " + status);
    }

    @Override
    public void close() {
        client.close();
    }
}
