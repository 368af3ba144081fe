package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceCatalog;
import io.k8j.apiserver.registry.DeleteOptions;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WriteOptions;
import io.k8j.apiserver.registry.strategy.ServiceAllocator;
import io.k8j.apiserver.registry.strategy.Strategies;
import io.k8j.storage.cache.WatchCache;
import io.k8j.storage.sqlite.SqliteStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapPolicyTest {
    private static final WriteOptions ADMIN = WriteOptions.of("admin");

    private WatchCache storage;
    private Registry registry;

    @BeforeEach
    void open(@TempDir Path dir) {
        storage = new WatchCache(new SqliteStorage(dir.resolve("db")));
        ServiceAllocator allocator = new ServiceAllocator();
        registry = new Registry(ResourceCatalog.builtIn(), storage, t -> Strategies.forResource(t, allocator),
                (old, obj, options, apiVersion, subresource, now) -> obj, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void createsWhatIsMissingAndRestoresRulesOfAutoupdatedRolesOnly() {
        BootstrapPolicy.reconcile(registry);
        GenericStore roles = store("clusterroles");
        GenericStore bindings = store("clusterrolebindings");
        assertThat(roles.get(null, "cluster-admin").at("/rules/0/verbs/0").asText()).isEqualTo("*");
        assertThat(bindings.get(null, "system:public-info-viewer").path("subjects")).hasSize(2);

        // an administrator strips a default role, and takes another out of reconciliation and strips it too
        ObjectNode discovery = roles.get(null, "system:discovery");
        discovery.putArray("rules");
        discovery.with("metadata").with("labels").put("mine", "yes");
        roles.update(null, "system:discovery", discovery, ADMIN, null);
        ObjectNode basic = roles.get(null, "system:basic-user");
        basic.putArray("rules");
        basic.with("metadata").with("annotations").put(BootstrapPolicy.AUTOUPDATE, "false");
        roles.update(null, "system:basic-user", basic, ADMIN, null);
        ObjectNode viewer = bindings.get(null, "system:public-info-viewer");
        viewer.putArray("subjects").addObject().put("kind", "User").put("name", "eve");
        bindings.update(null, "system:public-info-viewer", viewer, ADMIN, null);
        store("clusterroles").delete(null, "view", DeleteOptions.defaults());

        BootstrapPolicy.reconcile(registry);
        ObjectNode restored = roles.get(null, "system:discovery");
        assertThat(restored.path("rules")).hasSize(1);
        assertThat(restored.at("/metadata/labels/mine").asText()).isEqualTo("yes");
        assertThat(roles.get(null, "system:basic-user").path("rules")).isEmpty();
        assertThat(bindings.get(null, "system:public-info-viewer").path("subjects")).extracting(s -> s.path("name").asText())
                .containsExactly("eve", "system:authenticated", "system:unauthenticated");
        assertThat(roles.get(null, "view").at("/aggregationRule/clusterRoleSelectors/0/matchLabels")
                .path("rbac.authorization.k8s.io/aggregate-to-view").asText()).isEqualTo("true");
    }

    private GenericStore store(String plural) {
        return registry.find("rbac.authorization.k8s.io", "v1", plural).orElseThrow();
    }
}
