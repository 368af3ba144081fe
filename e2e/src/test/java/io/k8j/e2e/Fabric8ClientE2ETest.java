package io.k8j.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.e2e.support.K8jServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fabric8 Java client (JDK HTTP client) does CRUD, watch, informers and patches against k8j. */
class Fabric8ClientE2ETest {
    private static final String NS = "fabric8";
    private static K8jServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = K8jServer.start();
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        client = new KubernetesClientBuilder().withConfig(config).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void crudWithConflictDetection() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("crud").addToLabels("app", "f8").endMetadata()
                .addToData("a", "1").build()).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(client.configMaps().inNamespace(NS).withName("crud").get().getData()).containsEntry("a", "1");

        ConfigMap updated = client.configMaps().inNamespace(NS).withName("crud").edit(cm -> {
            cm.getData().put("b", "2");
            return cm;
        });
        assertThat(updated.getData()).containsEntry("b", "2");

        created.getData().put("c", "3");
        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(created).update())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

        assertThat(client.configMaps().inNamespace(NS).withLabel("app", "f8").list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("crud");
        assertThat(client.configMaps().inNamespace(NS).withName("crud").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace(NS).withName("crud").get()).isNull();
    }

    @Test
    void watchSeesAddModifyDelete() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch ignored = client.configMaps().inNamespace(NS).withName("watched").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + ":" + resource.getData().get("v"));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("watched")
                    .endMetadata().addToData("v", "1").build()).create();
            client.configMaps().inNamespace(NS).withName("watched")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"v\":\"2\"}}");
            client.configMaps().inNamespace(NS).withName("watched").delete();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.equals(List.of("ADDED:1", "MODIFIED:2", "DELETED:2")));
        }
    }

    @Test
    void informerListsAndFollows() {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("before")
                .endMetadata().build()).create();
        List<String> added = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                added.add(obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            }
        });
        try {
            client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("after")
                    .endMetadata().build()).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> added.containsAll(List.of("before", "after")));
            assertThat(informer.getStore().list()).extracting(cm -> cm.getMetadata().getName()).contains("before", "after");
        } finally {
            informer.close();
        }
    }

    @Test
    void patchesAndServerSideApply() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(NS).resource(d).create();

        client.apps().deployments().inNamespace(NS).withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox:1.36\"}]}}}}");
        client.apps().deployments().inNamespace(NS).withName("web").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
        Deployment patched = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertThat(patched.getSpec().getReplicas()).isEqualTo(2);
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("busybox:1.36"));

        ConfigMap applied = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("applied").endMetadata().withData(Map.of("k", "v")).build())
                .fieldManager("f8-test").forceConflicts().serverSideApply();
        assertThat(applied.getData()).containsEntry("k", "v");
        assertThat(applied.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("f8-test");
            assertThat(m.getOperation()).isEqualTo("Apply");
        });
    }
}
