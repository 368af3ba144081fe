package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.SharedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write commands of real kubectl binaries (1.27, 1.33 and the PATH dispatcher) against a real
 * k8j server: apply (client- and server-side), create and its generators (protobuf bodies from
 * 1.32 on), label, annotate, patch, edit, scale, delete, wait. Read commands are in {@link KubectlReadE2ETest}.
 * Run against each datastore by a concrete class.
 */
abstract class KubectlCrudContract {
    private final ApiClient api = k8j().api();

    /** The server under test, one per concrete class (embedded SQLite, etcd). */
    abstract SharedServer k8j();

    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static String app(String greeting, String image) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-config
                  labels: {app: web}
                data:
                  greeting: %s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: app
                        image: %s
                        ports:
                        - containerPort: 80
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector: {app: web}
                  ports:
                  - port: 80
                    targetPort: 80
                """.formatted(greeting, image);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void applyCreatesThenIsUnchangedThenConfigures(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "apply-" + Namespaces.tag(binary));
        Path v1 = write("app.yaml", app("hello", "nginx:1.25"));

        assertThat(k.ok("apply", "-n", ns, "-f", v1.toString())).contains(
                "configmap/app-config created", "deployment.apps/web created", "service/web created");
        assertThat(k.ok("apply", "-n", ns, "-f", v1.toString())).contains(
                "configmap/app-config unchanged", "deployment.apps/web unchanged", "service/web unchanged");

        Path v2 = write("app-v2.yaml", app("bonjour", "nginx:1.26"));
        assertThat(k.ok("apply", "-n", ns, "-f", v2.toString())).contains(
                "configmap/app-config configured", "deployment.apps/web configured", "service/web unchanged");
        assertThat(k.ok("get", "-n", ns, "configmap", "app-config", "-o", "jsonpath={.data.greeting}"))
                .isEqualTo("bonjour");
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[*].image}")).isEqualTo("nginx:1.26");
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"))
                .contains("nginx:1.26");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void serverSideApplyRecordsManagedFields(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "ssa-" + Namespaces.tag(binary));
        String cm = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ssa
                data:
                  a: "%s"
                """;
        Path first = write("ssa.yaml", cm.formatted("1"));
        assertThat(k.ok("apply", "--server-side", "-n", ns, "-f", first.toString()))
                .contains("configmap/ssa serverside-applied");
        Path second = write("ssa2.yaml", cm.formatted("2"));
        assertThat(k.ok("apply", "--server-side", "-n", ns, "-f", second.toString()))
                .contains("configmap/ssa serverside-applied");
        assertThat(k.ok("get", "-n", ns, "configmap", "ssa", "-o", "jsonpath={.data.a}")).isEqualTo("2");

        String yaml = k.ok("get", "-n", ns, "configmap", "ssa", "-o", "yaml", "--show-managed-fields");
        assertThat(yaml).contains("managedFields:", "manager: kubectl", "operation: Apply", "f:data:", "f:a: {}");
        assertThat(k.ok("get", "-n", ns, "configmap", "ssa", "-o", "yaml")).doesNotContain("managedFields:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void createFromFileAndGenerators(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String tag = Namespaces.tag(binary);
        String ns = Namespaces.create(api, "create-" + tag);
        Path file = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\ndata:\n  k: v\n");
        assertThat(k.ok("create", "-n", ns, "-f", file.toString())).contains("configmap/from-file created");
        Kubectl.Result again = k.run("create", "-n", ns, "-f", file.toString());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("AlreadyExists", "configmaps \"from-file\" already exists");

        // kubectl >= 1.32 sends these four as protobuf bodies.
        String newNs = "gen-" + tag + "-" + ns.substring(ns.lastIndexOf('-') + 1);
        assertThat(k.ok("create", "namespace", newNs)).contains("namespace/" + newNs + " created");
        assertThat(k.ok("get", "namespace", newNs, "-o", "jsonpath={.status.phase}")).isEqualTo("Active");

        assertThat(k.ok("create", "-n", ns, "configmap", "gen-cm", "--from-literal=a=1", "--from-literal=b=two"))
                .contains("configmap/gen-cm created");
        assertThat(k.ok("get", "-n", ns, "configmap", "gen-cm", "-o", "jsonpath={.data.a},{.data.b}"))
                .isEqualTo("1,two");

        assertThat(k.ok("create", "-n", ns, "secret", "generic", "gen-secret", "--from-literal=password=s3cret"))
                .contains("secret/gen-secret created");
        assertThat(k.ok("get", "-n", ns, "secret", "gen-secret", "-o", "jsonpath={.type}:{.data.password}"))
                .isEqualTo("Opaque:czNjcmV0");

        assertThat(k.ok("create", "-n", ns, "deployment", "gen-dep", "--image=busybox", "--replicas=2"))
                .contains("deployment.apps/gen-dep created");
        assertThat(k.ok("get", "-n", ns, "deployment", "gen-dep", "-o",
                "jsonpath={.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].image}"))
                .isEqualTo("2 gen-dep busybox");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void labelAnnotateAndPatchInThreeFlavours(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "patch-" + Namespaces.tag(binary));
        k.ok("apply", "-n", ns, "-f", write("app.yaml", app("hello", "nginx:1.25")).toString());

        assertThat(k.ok("label", "-n", ns, "configmap", "app-config", "tier=gold")).contains("configmap/app-config labeled");
        assertThat(k.ok("label", "-n", ns, "configmap", "app-config", "tier=silver", "--overwrite")).contains("labeled");
        assertThat(k.ok("get", "-n", ns, "configmap", "-l", "tier=silver", "-o", "name")).isEqualTo("configmap/app-config\n");
        assertThat(k.ok("label", "-n", ns, "configmap", "app-config", "tier-")).contains("configmap/app-config unlabeled");
        assertThat(k.ok("get", "-n", ns, "configmap", "app-config", "-o", "jsonpath={.metadata.labels}"))
                .doesNotContain("tier");
        // kubectl 1.27 itself prints "annotate", later versions "annotated".
        assertThat(k.ok("annotate", "-n", ns, "configmap", "app-config", "owner=team-a"))
                .contains("configmap/app-config annotate");
        assertThat(k.ok("get", "-n", ns, "configmap", "app-config", "-o", "jsonpath={.metadata.annotations.owner}"))
                .isEqualTo("team-a");

        // strategic merge (the default): containers merge by name, so there is still exactly one.
        assertThat(k.ok("patch", "-n", ns, "deployment", "web", "--type=strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}}}}"))
                .contains("deployment.apps/web patched");
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[*].name}={.spec.template.spec.containers[*].image}"
                        + " {.spec.template.spec.containers[0].ports[0].containerPort}"))
                .isEqualTo("app=nginx:1.27 80");

        assertThat(k.ok("patch", "-n", ns, "configmap", "app-config", "--type=merge", "-p", "{\"data\":{\"extra\":\"x\"}}"))
                .contains("configmap/app-config patched");
        assertThat(k.ok("patch", "-n", ns, "configmap", "app-config", "--type=merge", "-p", "{\"data\":{\"extra\":\"x\"}}"))
                .contains("configmap/app-config patched (no change)");
        assertThat(k.ok("patch", "-n", ns, "configmap", "app-config", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/data/greeting\",\"value\":\"json\"},{\"op\":\"remove\",\"path\":\"/data/extra\"}]"))
                .contains("configmap/app-config patched");
        assertThat(k.ok("get", "-n", ns, "configmap", "app-config", "-o", "jsonpath={.data}"))
                .isEqualTo("{\"greeting\":\"json\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void editRunsTheEditorAndSavesItsChange(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "edit-" + Namespaces.tag(binary));
        k.ok("create", "-n", ns, "configmap", "editme", "--from-literal=k=original-value");
        Path editor = write("editor.sh", "#!/bin/sh\nsed -i 's/original-value/edited-value/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        Kubectl editing = k.withEnv(Map.of("KUBE_EDITOR", editor.toString()));
        assertThat(editing.ok("edit", "-n", ns, "configmap", "editme")).contains("configmap/editme edited");
        assertThat(k.ok("get", "-n", ns, "configmap", "editme", "-o", "jsonpath={.data.k}")).isEqualTo("edited-value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void scaleSetsSpecReplicas(String binary) {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "scale-" + Namespaces.tag(binary));
        k.ok("create", "-n", ns, "deployment", "web", "--image=busybox", "--replicas=1");
        assertThat(k.ok("scale", "-n", ns, "deployment", "web", "--replicas=3")).contains("deployment.apps/web scaled");
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("3");
        assertThat(k.ok("scale", "-n", ns, "deployment/web", "--current-replicas=3", "--replicas=0"))
                .contains("deployment.apps/web scaled");
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("0");
        Kubectl.Result stale = k.run("scale", "-n", ns, "deployment/web", "--current-replicas=5", "--replicas=1");
        assertThat(stale.code()).isNotZero();
        assertThat(k.ok("get", "-n", ns, "deployment", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void deleteByFileNameAndLabel(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "delete-" + Namespaces.tag(binary));
        Path file = write("del.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: by-file\ndata:\n  k: v\n");
        k.ok("apply", "-n", ns, "-f", file.toString());
        k.ok("create", "-n", ns, "configmap", "by-name");
        k.ok("create", "-n", ns, "configmap", "by-label-1");
        k.ok("create", "-n", ns, "configmap", "by-label-2");
        k.ok("create", "-n", ns, "configmap", "keep");
        k.ok("label", "-n", ns, "configmap", "by-label-1", "by-label-2", "doomed=yes");

        assertThat(k.ok("delete", "-n", ns, "-f", file.toString())).contains("configmap \"by-file\" deleted");
        assertThat(k.ok("delete", "-n", ns, "configmap", "by-name", "--wait=true")).contains("configmap \"by-name\" deleted");
        assertThat(k.ok("delete", "-n", ns, "configmap", "-l", "doomed=yes"))
                .contains("configmap \"by-label-1\" deleted", "configmap \"by-label-2\" deleted");
        assertThat(k.ok("get", "-n", ns, "configmaps", "-o", "name", "--field-selector", "metadata.name!=kube-root-ca.crt"))
                .isEqualTo("configmap/keep\n");

        Kubectl.Result missing = k.run("delete", "-n", ns, "configmap", "by-name");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("NotFound", "configmaps \"by-name\" not found");
        assertThat(k.ok("delete", "-n", ns, "configmap", "by-name", "--ignore-not-found")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void waitForDelete(String binary) {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "wait-" + Namespaces.tag(binary));
        Kubectl.Result gone = k.run("wait", "-n", ns, "--for=delete", "configmap/never-existed", "--timeout=10s");
        assertThat(gone.code()).as("wait on an absent object: %s", gone).isZero();

        k.ok("create", "-n", ns, "configmap", "soon-gone");
        try (Kubectl.Background waiting = k.background("wait", "-n", ns, "--for=delete", "configmap/soon-gone", "--timeout=60s")) {
            assertThat(waiting.awaitExit(Duration.ofSeconds(2))).as("still waiting: %s", waiting.output()).isEqualTo(-1);
            k.ok("delete", "-n", ns, "configmap", "soon-gone", "--wait=false");
            assertThat(waiting.awaitExit(Duration.ofSeconds(30))).as("wait output: %s", waiting.output()).isZero();
            assertThat(waiting.output()).contains("configmap/soon-gone condition met");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.k8j.e2e.support.Kubectl#all")
    void dryRunServerPersistsNothing(String binary) throws IOException {
        Kubectl k = k8j().kubectl(binary);
        String ns = Namespaces.create(api, "dryrun-" + Namespaces.tag(binary));
        assertThat(k.ok("create", "-n", ns, "configmap", "dry", "--from-literal=a=b", "--dry-run=server"))
                .contains("configmap/dry created (server dry run)");
        Path file = write("dry.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry-file\ndata:\n  k: v\n");
        assertThat(k.ok("create", "-n", ns, "-f", file.toString(), "--dry-run=server"))
                .contains("configmap/dry-file created (server dry run)");
        assertThat(k.ok("apply", "-n", ns, "-f", file.toString(), "--dry-run=server"))
                .contains("configmap/dry-file created (server dry run)");

        for (String name : new String[] {"dry", "dry-file"}) {
            Kubectl.Result get = k.run("get", "-n", ns, "configmap", name);
            assertThat(get.code()).isNotZero();
            assertThat(get.err()).contains("NotFound");
        }
        assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps/dry").code()).isEqualTo(404);
    }
}
