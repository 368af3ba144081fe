package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.SharedServer;
import io.k8j.storage.etcd.EtcdExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * The kubectl write commands against a server whose datastore is a real etcd. Skipped when etcd is not
 * installed, except on CI, where it fails.
 */
class KubectlCrudOnEtcdE2ETest extends KubectlCrudContract {
    @RegisterExtension
    @Order(1)
    static final EtcdExtension ETCD = new EtcdExtension();

    @RegisterExtension
    @Order(2)
    static final SharedServer K8J = new SharedServer(
            () -> List.of(K8jServer.CONTROL_PLANE_ONLY, "--datastore-endpoint", ETCD.url()));

    @Override
    SharedServer k8j() {
        return K8J;
    }
}
