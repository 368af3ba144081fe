package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.PullAuth;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** imagePullPolicy, pull back-off, credentials and the Events, against a runtime that stores what it pulls. */
class ImagePullerTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Set<String> present = new HashSet<>();
    private final Set<String> pullable = new HashSet<>();
    private final List<PullAuth> pullsWith = new ArrayList<>();
    private final Map<String, Secret> secrets = new java.util.HashMap<>();
    private final List<String> events = new ArrayList<>();
    private final ImagePuller puller = new ImagePuller(runtime(), new ConfigSource() {
        @Override
        public ConfigMap configMap(String namespace, String name) {
            return null;
        }

        @Override
        public Secret secret(String namespace, String name) {
            return secrets.get(name);
        }
    }, new RestartBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock),
            new ContainerEvents((ref, type, reason, message) -> events.add(type + " " + reason + ": " + message)), clock);

    private ContainerRuntime runtime() {
        return (ContainerRuntime) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ContainerRuntime.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "pullsImages" -> true;
                    case "imageStatus" -> present.contains((String) args[0])
                            ? Optional.of(new Image("sha256:1", List.of((String) args[0]), List.of(), 1234, 0L, null)) : Optional.empty();
                    case "pullImage" -> {
                        pullsWith.add((PullAuth) args[1]);
                        if (!pullable.contains((String) args[0])) {
                            throw new IllegalStateException("rpc error: code = NotFound desc = not found");
                        }
                        now = now.plusMillis(1500);
                        present.add((String) args[0]);
                        yield "sha256:1";
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Pod pod(String... pullSecrets) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("uid-1").endMetadata()
                .withNewSpec().endSpec();
        for (String s : pullSecrets) {
            b.editSpec().addNewImagePullSecret(s).endSpec();
        }
        return b.build();
    }

    private static Container container(String image, String policy) {
        return new ContainerBuilder().withName("c").withImage(image).withImagePullPolicy(policy).build();
    }

    @Test
    void ifNotPresentUsesWhatIsThereAndAlwaysPullsAgain() {
        present.add("busybox:1.36");
        pullable.add("busybox:1.36");
        assertThat(puller.ensure(pod(), container("busybox:1.36", "IfNotPresent")).image()).isNotNull();
        assertThat(puller.ensure(pod(), container("busybox:1.36", "Always")).image()).isNotNull();
        assertThat(events).containsExactly(
                "Normal Pulled: Container image \"busybox:1.36\" already present on machine",
                "Normal Pulling: Pulling image \"busybox:1.36\"",
                "Normal Pulled: Successfully pulled image \"busybox:1.36\" in 1.5s (1.5s including waiting). Image size: 1234 bytes.");
    }

    @Test
    void neverDoesNotPullWhatIsMissing() {
        ImagePuller.Result r = puller.ensure(pod(), container("busybox:nope", "Never"));
        assertThat(r.waiting().reason()).isEqualTo("ErrImageNeverPull");
        assertThat(r.waiting().message()).isEqualTo("Container image \"busybox:nope\" is not present with pull policy of Never");
        assertThat(pullsWith).isEmpty();
        assertThat(events).containsExactly(
                "Warning ErrImageNeverPull: Container image \"busybox:nope\" is not present with pull policy of Never",
                "Warning Failed: Error: ErrImageNeverPull");
    }

    @Test
    void aFailedPullIsErrImagePullThenBacksOffTenSecondsDoublingUntilItWorks() {
        Container c = container("web:1.0", "IfNotPresent");
        ImagePuller.Result failed = puller.ensure(pod(), c);
        assertThat(failed.waiting()).extracting("reason", "message")
                .containsExactly("ErrImagePull", "rpc error: code = NotFound desc = not found");
        ImagePuller.Result backingOff = puller.ensure(pod(), c);
        assertThat(backingOff.waiting()).extracting("reason", "message")
                .containsExactly("ImagePullBackOff", "Back-off pulling image \"web:1.0\"");
        assertThat(backingOff.retry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(events).containsExactly("Normal Pulling: Pulling image \"web:1.0\"",
                "Warning Failed: Failed to pull image \"web:1.0\": rpc error: code = NotFound desc = not found",
                "Warning Failed: Error: ErrImagePull",
                "Normal BackOff: Back-off pulling image \"web:1.0\"",
                "Warning Failed: Error: ImagePullBackOff");
        now = now.plusSeconds(10);
        assertThat(puller.ensure(pod(), c).waiting().reason()).isEqualTo("ErrImagePull");
        assertThat(puller.ensure(pod(), c).retry()).isEqualTo(Duration.ofSeconds(20));
        // An image that appears (imported) is used at once, back-off or not.
        present.add("web:1.0");
        assertThat(puller.ensure(pod(), c).image()).isNotNull();
    }

    @Test
    void pullsTryEachMatchingImagePullSecretThenSucceed() {
        secrets.put("other", dockerConfig("quay.io", "q", "x"));
        secrets.put("hub", dockerConfig("https://index.docker.io/v1/", "alice", "s3cret"));
        pullable.add("private/app:2");
        assertThat(puller.ensure(pod("other", "hub", "missing"), container("private/app:2", "Always")).image()).isNotNull();
        assertThat(pullsWith).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo("alice");
            assertThat(a.password()).isEqualTo("s3cret");
            assertThat(a.serverAddress()).isEqualTo("https://index.docker.io/v1/");
        });
    }

    @Test
    void theDefaultPolicyIsAlwaysForLatestOrNoTagElseIfNotPresent() {
        assertThat(ImagePuller.policy(new ContainerBuilder().withImage("busybox").build())).isEqualTo("Always");
        assertThat(ImagePuller.policy(new ContainerBuilder().withImage("busybox:latest").build())).isEqualTo("Always");
        assertThat(ImagePuller.policy(new ContainerBuilder().withImage("registry:5000/busybox").build())).isEqualTo("Always");
        assertThat(ImagePuller.policy(new ContainerBuilder().withImage("busybox:1.36").build())).isEqualTo("IfNotPresent");
        assertThat(ImagePuller.policy(new ContainerBuilder().withImage("busybox@sha256:abc").build())).isEqualTo("IfNotPresent");
    }

    private static Secret dockerConfig(String server, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String json = "{\"auths\":{\"" + server + "\":{\"auth\":\"" + auth + "\"}}}";
        return new SecretBuilder().withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build();
    }
}
