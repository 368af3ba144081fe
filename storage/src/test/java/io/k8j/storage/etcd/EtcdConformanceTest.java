package io.k8j.storage.etcd;

import io.k8j.storage.Storage;
import io.k8j.storage.StorageConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class EtcdConformanceTest extends StorageConformanceTest {
    private static EtcdProcess etcd;
    private static String url;

    @BeforeAll
    static void startEtcd() throws Exception {
        EtcdProcess.assumeAvailable();
        etcd = new EtcdProcess();
        url = etcd.start();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected Storage newStorage() {
        return EtcdStorage.connect(url);
    }
}
