package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeyTest {
    @Test
    void namespacedKeysRoundTripAndMatchInformerStoreKeys() {
        ObjectKey k = ObjectKey.of("apps/v1|ReplicaSet",
                new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName("web").endMetadata().build());
        assertThat(ObjectKey.parse(k.toString())).isEqualTo(k);
        assertThat(k.storeKey()).isEqualTo("ns/web");
    }

    @Test
    void clusterScopedKeysHaveNoNamespace() {
        ObjectKey k = ObjectKey.of("v1|Namespace", new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build());
        assertThat(ObjectKey.parse(k.toString())).isEqualTo(k);
        assertThat(k.storeKey()).isEqualTo("a");
    }
}
