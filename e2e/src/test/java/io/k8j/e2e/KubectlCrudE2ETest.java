package io.k8j.e2e;

import io.k8j.e2e.support.SharedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kubectl write commands against a server on embedded SQLite. */
class KubectlCrudE2ETest extends KubectlCrudContract {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer();

    @Override
    SharedServer k8j() {
        return K8J;
    }
}
