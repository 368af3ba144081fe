package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class VolumeBindingTest {
    private final Map<String, PersistentVolumeClaim> claims = new HashMap<>();
    private final Map<String, PersistentVolume> volumes = new HashMap<>();
    private final List<String> selections = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, StorageClass> classes = Map.of(
            "local-path", sc("local-path", "rancher.io/local-path", "WaitForFirstConsumer"),
            "static", sc("static", "kubernetes.io/no-provisioner", "WaitForFirstConsumer"),
            "now", sc("now", "example.com/p", "Immediate"));
    private final VolumeBinding plugin = new VolumeBinding(new VolumeLookup() {
        @Override
        public PersistentVolumeClaim claim(String namespace, String name) {
            return claims.get(name);
        }

        @Override
        public PersistentVolume volume(String name) {
            return volumes.get(name);
        }

        @Override
        public StorageClass storageClass(String name) {
            return classes.get(name);
        }

        @Override
        public Collection<PersistentVolume> volumes() {
            return volumes.values();
        }

        @Override
        public void selectNode(PersistentVolumeClaim claim, String node) {
            selections.add(claim.getMetadata().getName() + "@" + node);
            nanos.addAndGet(Duration.ofSeconds(61).toNanos()); // time passes while nobody binds the claim
        }
    }, Duration.ofSeconds(60), nanos::get);

    private static StorageClass sc(String name, String provisioner, String mode) {
        return new StorageClassBuilder().withNewMetadata().withName(name).endMetadata().withProvisioner(provisioner)
                .withVolumeBindingMode(mode).build();
    }

    private void claim(String name, String className, String boundTo) {
        var b = new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                .withNewSpec().withStorageClassName(className).withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec();
        if (boundTo != null) {
            b.editSpec().withVolumeName(boundTo).endSpec().withNewStatus().withPhase("Bound").endStatus();
        }
        claims.put(name, b.build());
    }

    private void volume(String name, String className, String hostname) {
        volumes.put(name, new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withStorageClassName(className).withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage", new Quantity("1Gi")))
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("kubernetes.io/hostname").withOperator("In").withValues(hostname).endMatchExpression()
                .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec().build());
    }

    private static Pod podWith(String... claimNames) {
        return pod("p").edit(b -> {
            for (String c : claimNames) {
                b.editSpec().addNewVolume().withName(c).withNewPersistentVolumeClaim().withClaimName(c)
                        .endPersistentVolumeClaim().endVolume().endSpec();
            }
            return b;
        }).build();
    }

    private static NodeInfo host(String name) {
        return node(name).label("kubernetes.io/hostname", name).info();
    }

    /** Setup: "claim:class[:boundVolume]" and "volume:class:hostname", ';'-separated; result per node a and b. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no claims: nothing to check        | ''                            | ''                      | SKIP      | ok | ok",
            "missing claim                       | ''                            | ''                      | not found | -  | -",
            "unbound immediate claim             | data:now                      | ''                      | " + VolumeBinding.UNBOUND_IMMEDIATE + " | - | -",
            "bound to a volume on node a         | data:static:pv1               | pv1:static:a            | ok        | ok | " + VolumeBinding.AFFINITY_CONFLICT,
            "waiting, provisioned anywhere       | data:local-path               | ''                      | ok        | ok | ok",
            "waiting, static volume only on b    | data:static                   | pv1:static:b            | ok        | " + VolumeBinding.NO_VOLUME + " | ok",
    })
    void decisions(String name, String claimSpecs, String volumeSpecs, String pre, String onA, String onB) {
        for (String c : claimSpecs.isEmpty() ? new String[0] : claimSpecs.split(";")) {
            String[] f = c.split(":");
            claim(f[0], f[1], f.length > 2 ? f[2] : null);
        }
        for (String v : volumeSpecs.isEmpty() ? new String[0] : volumeSpecs.split(";")) {
            String[] f = v.split(":");
            volume(f[0], f[1], f[2]);
        }
        Pod pod = name.startsWith("no claims") ? podWith() : podWith("data");
        CycleState state = new CycleState();

        Status s = plugin.preFilter(state, pod, List.of(host("a"), host("b")));

        assertThat(describe(s)).contains(pre);
        if (s.isSuccess()) {
            assertThat(describe(plugin.filter(state, pod, host("a")))).isEqualTo(onA);
            assertThat(describe(plugin.filter(state, pod, host("b")))).isEqualTo(onB);
        }
    }

    @Test
    void bindingSelectsTheNodeOnWaitingClaimsAndGivesUpWhenTheyStayUnbound() {
        claim("data", "local-path", null);
        claim("ready", "static", "pv1");

        Status s = plugin.bind(podWith("data", "ready"), "a");

        assertThat(selections).containsExactly("data@a");
        assertThat(s.message()).contains("timed out");
    }

    @Test
    void bindingHandsOverToTheDefaultBinderOnceClaimsAreBound() {
        claim("ready", "static", "pv1");
        assertThat(plugin.bind(podWith("ready"), "a").code()).isEqualTo(io.k8j.scheduler.framework.Code.SKIP);
        assertThat(selections).isEmpty();
    }

    private static String describe(Status s) {
        return switch (s.code()) {
            case SUCCESS -> "ok";
            case SKIP -> "SKIP";
            default -> s.message();
        };
    }
}
