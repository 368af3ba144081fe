package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.UserInfo;
import io.k8j.storage.cache.WatchCache;
import io.k8j.storage.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFeedTest {
    private static final UserInfo BOB = new UserInfo("bob", List.of());
    private static final Attributes GET_PODS = Attributes.resource(BOB, "get", "", "pods", "", "sec", "p");
    private static final String BINDING = "/registry/rbac.authorization.k8s.io/rolebindings/sec/b";
    private static final String ROLE = "/registry/rbac.authorization.k8s.io/roles/sec/r";

    @Test
    void theIndexFollowsTheStoreWithoutReadingItPerRequest(@TempDir Path dir) throws Exception {
        try (WatchCache store = new WatchCache(new SqliteStorage(dir.resolve("db")))) {
            store.create(ROLE, bytes("{\"metadata\":{\"name\":\"r\",\"namespace\":\"sec\"},"
                    + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]}]}"));
            RbacIndex index = new RbacIndex();
            RbacAuthorizer authorizer = new RbacAuthorizer(index);
            try (StoreFeed feed = StoreFeed.start(store, RbacIndex.PREFIX, index::put)) {
                assertThat(authorizer.authorize(GET_PODS).allowed()).isFalse();
                var created = store.create(BINDING, bytes("{\"metadata\":{\"name\":\"b\",\"namespace\":\"sec\"},"
                        + "\"roleRef\":{\"kind\":\"Role\",\"name\":\"r\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"bob\"}]}"));
                await(() -> authorizer.authorize(GET_PODS).allowed());
                store.delete(BINDING, created.modRevision());
                await(() -> !authorizer.authorize(GET_PODS).allowed());
            }
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
