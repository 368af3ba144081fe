package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;

/**
 * A new namespace gets its {@code default} ServiceAccount at once, from the API server itself. kube leaves this to
 * the serviceaccounts controller (which k8j runs too, to make it again when deleted), and a pod created before the
 * controller has caught up is refused; k8j's controller manager, sharing a small machine with everything else
 * and starting after the API server, was seen to take half a minute under load.
 */
public final class DefaultServiceAccount {
    private static final WriteOptions SYSTEM = WriteOptions.of("k8j-apiserver");

    private DefaultServiceAccount() {
    }

    static void ensure(Registry registry, String namespace) {
        ObjectNode sa = Json.object().put("apiVersion", "v1").put("kind", "ServiceAccount");
        sa.putObject("metadata").put("name", "default");
        try {
            registry.find("", "v1", "serviceaccounts").orElseThrow().create(namespace, sa, SYSTEM);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
