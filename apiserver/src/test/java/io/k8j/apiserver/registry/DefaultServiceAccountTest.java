package io.k8j.apiserver.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultServiceAccountTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture();

    @Test
    void aNewNamespaceComesWithItsDefaultServiceAccount() {
        f.namespace("fresh");
        GenericStore accounts = f.registry.find("", "v1", "serviceaccounts").orElseThrow();
        assertThat(Meta.name(accounts.get("fresh", "default"))).isEqualTo("default");
    }

    @Test
    void aDryRunNamespaceGetsNone() {
        f.namespaces().create(null, StoreFixture.yaml("metadata: {name: dry}"), StoreFixture.DRY_RUN);
        GenericStore accounts = f.registry.find("", "v1", "serviceaccounts").orElseThrow();
        assertThat(accounts.list("dry", ListOptions.all()).items()).isEmpty();
    }
}
