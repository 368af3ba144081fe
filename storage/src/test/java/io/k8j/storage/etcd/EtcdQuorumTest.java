package io.k8j.storage.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k8j.storage.StorageException;
import io.k8j.storage.StorageUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A three-member etcd that loses its quorum and gets it back: the health check fails within its deadline, a
 * write fails as one whose outcome is unknown, and both recover.
 */
class EtcdQuorumTest {

    @Test
    void healthAndWritesFollowTheQuorum() throws Exception {
        EtcdProcess.assumeAvailable();
        try (EtcdCluster cluster = EtcdCluster.start(3);
             EtcdStorage storage = new EtcdStorage(EtcdOptions.defaults(cluster.endpoints())
                     .withRequestTimeout(Duration.ofSeconds(5)))) {
            assertThat(storage.healthCheckName()).isEqualTo("etcd");
            storage.checkHealth();
            storage.create("/quorum/a", "1".getBytes(UTF_8));

            cluster.stop(1);
            cluster.stop(2);
            long started = System.nanoTime();
            assertThatThrownBy(storage::checkHealth).isInstanceOf(StorageException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(() -> storage.create("/quorum/b", "2".getBytes(UTF_8)))
                    .isInstanceOf(StorageUnavailableException.class);

            cluster.restart(1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThatCode(storage::checkHealth).doesNotThrowAnyException());
            assertThat(storage.get("/quorum/a")).isNotNull();
        }
    }
}
