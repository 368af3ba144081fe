package io.k8j.storage.etcd;

import io.k8j.storage.Storage;
import io.k8j.storage.StorageConformanceTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdConformanceTest extends StorageConformanceTest {
    @RegisterExtension
    static final EtcdExtension ETCD = new EtcdExtension();

    @Override
    protected Storage newStorage() {
        return EtcdStorage.connect(ETCD.url());
    }
}
