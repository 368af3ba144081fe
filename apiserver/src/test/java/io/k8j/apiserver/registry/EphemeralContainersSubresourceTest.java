package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.causeFields;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Writes through pods/ephemeralcontainers, as kubectl debug makes them. */
class EphemeralContainersSubresourceTest {
    private static final String SUB = "ephemeralcontainers";

    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    private ObjectNode runningPod() {
        return f.pods().create("ns", StoreFixture.pod("p", "node-1"), WRITE);
    }

    /** The pod as read, with {@code containers} as its ephemeral containers (YAML flow list). */
    private static ObjectNode withEphemeral(ObjectNode pod, String containers) {
        ObjectNode copy = pod.deepCopy();
        copy.with("spec").set("ephemeralContainers", yaml("l: " + containers).get("l"));
        return copy;
    }

    private ObjectNode add(ObjectNode pod, String containers) {
        return f.pods().update("ns", "p", withEphemeral(pod, containers), WRITE, SUB);
    }

    @Test
    void addsTheContainerWithDefaultsAndKeepsEverythingElse() {
        ObjectNode pod = runningPod();
        ObjectNode body = withEphemeral(pod, "[{name: dbg, image: busybox, stdin: true, command: [sh]}]");
        ((ObjectNode) body.with("spec").withArray("containers").get(0)).put("image", "nginx");
        body.with("metadata").with("labels").put("sneaked", "in");
        body.with("status").put("phase", "Succeeded");

        ObjectNode updated = f.pods().update("ns", "p", body, WRITE, SUB);

        assertThat(updated.at("/spec/ephemeralContainers")).isEqualTo(yaml("""
                l:
                - name: dbg
                  image: busybox
                  stdin: true
                  command: [sh]
                  imagePullPolicy: Always
                  resources: {}
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                """).get("l"));
        assertThat(updated.at("/spec/containers/0/image").asText()).isEqualTo("busybox");
        assertThat(updated.at("/metadata/labels").isMissingNode()).isTrue();
        assertThat(updated.at("/status/phase").asText()).isEqualTo("Pending");
    }

    @Test
    void existingOnesMayBeNeitherChangedNorRemoved() {
        ObjectNode pod = add(runningPod(), "[{name: dbg, image: busybox}]");

        ApiException changed = apiError(() -> add(pod, "[{name: dbg, image: alpine}]"));
        ApiException removed = apiError(() -> f.pods().update("ns", "p", withEphemeral(pod, "[]"), WRITE, SUB));

        assertThat(changed.code()).isEqualTo(422);
        assertThat(changed.getMessage()).isEqualTo("Pod \"p\" is invalid: spec.ephemeralContainers: Forbidden: "
                + "existing ephemeral containers \"dbg\" may not be changed\n");
        assertThat(removed.code()).isEqualTo(422);
        assertThat(removed.getMessage()).contains("existing ephemeral containers \"dbg\" may not be removed");
        assertThat(add(pod, "[{name: dbg, image: busybox}, {name: dbg2, image: busybox}]")
                .at("/spec/ephemeralContainers/1/name").asText()).isEqualTo("dbg2");
    }

    @Test
    void namesAreUniqueAcrossEveryContainerList() {
        ObjectNode pod = add(runningPod(), "[{name: dbg, image: busybox}]");

        ApiException e = apiError(() -> add(pod, "[{name: dbg, image: busybox}, {name: c, image: busybox}]"));

        assertThat(e.getMessage()).contains("spec.ephemeralContainers[1].name: Duplicate value: \"c\"");
    }

    @Test
    void fieldsThePodCouldRelyOnAreForbidden() {
        ObjectNode pod = runningPod();

        ApiException e = apiError(() -> add(pod, """
                [{name: dbg, image: busybox, ports: [{containerPort: 80}], restartPolicy: Always,
                  readinessProbe: {exec: {command: [true]}}, lifecycle: {preStop: {exec: {command: [true]}}},
                  resources: {limits: {cpu: "1"}}, volumeMounts: [{name: v, mountPath: /v, subPath: x}],
                  targetContainerName: nope}]"""));

        assertThat(causeFields(e)).containsExactlyInAnyOrder(
                "spec.ephemeralContainers[0].ports", "spec.ephemeralContainers[0].resources",
                "spec.ephemeralContainers[0].restartPolicy", "spec.ephemeralContainers[0].readinessProbe",
                "spec.ephemeralContainers[0].lifecycle", "spec.ephemeralContainers[0].volumeMounts[0].name",
                "spec.ephemeralContainers[0].volumeMounts[0].subPath",
                "spec.ephemeralContainers[0].targetContainerName");
        assertThat(e.getMessage())
                .contains("spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container")
                .contains("spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"");
    }

    @Test
    void targetContainerNameMayNameAnAppContainer() {
        ObjectNode updated = add(runningPod(), "[{name: dbg, image: busybox, targetContainerName: c}]");

        assertThat(updated.at("/spec/ephemeralContainers/0/targetContainerName").asText()).isEqualTo("c");
    }

    @Test
    void aPlainUpdateMayNotTouchThem() {
        ObjectNode pod = runningPod();

        ApiException e = apiError(() -> f.pods().update("ns", "p",
                withEphemeral(pod, "[{name: dbg, image: busybox}]"), WRITE, null));

        assertThat(e.code()).isEqualTo(422);
        assertThat(e.getMessage()).contains("spec: Forbidden: pod updates may not change fields");
    }

    @Test
    void aPodIsNotCreatedWithThem() {
        ApiException e = apiError(() -> f.pods().create("ns",
                withEphemeral(StoreFixture.pod("q", ""), "[{name: dbg, image: busybox}]"), WRITE));

        assertThat(e.getMessage()).isEqualTo("Pod \"q\" is invalid: spec.ephemeralContainers: Forbidden: "
                + "cannot be set on create");
    }

    @Test
    void mirrorPodsDoNotSupportThem() {
        ObjectNode mirror = StoreFixture.pod("p", "node-1");
        mirror.with("metadata").with("annotations").put("kubernetes.io/config.mirror", "abc");
        ObjectNode pod = f.pods().create("ns", mirror, WRITE);

        ApiException e = apiError(() -> add(pod, "[{name: dbg, image: busybox}]"));

        assertThat(e.getMessage()).isEqualTo("Pod \"p\" is invalid: : Forbidden: static pods do not support "
                + "ephemeral containers");
    }
}
