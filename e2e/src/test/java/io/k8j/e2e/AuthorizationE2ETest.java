package io.k8j.e2e;

import io.k8j.apiserver.pki.Kubeconfig;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.ClusterCaClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.RawHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization as its users see it, against a control plane (controller manager included, which aggregates the
 * view role): a table of identities (anonymous, the admin kubeconfig, a CN=bob certificate of the cluster CA with no
 * bindings, a service account bound to {@code view} in namespace sec) against a table of requests, each answering
 * exactly 200/201, 401 or 403 with kube's message; and through kubectl 1.27 and 1.33: Forbidden errors,
 * {@code auth can-i} (with {@code --list} and {@code --as}), and impersonation refused to bob.
 */
class AuthorizationE2ETest {
    private static final String NS = "sec";
    private static final String SA_USER = "system:serviceaccount:sec:reader";
    private static final String CM = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"}}";
    private static final String NAMESPACE = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"%s\"}}";

    private static Path dataDir;
    private static K8jServer server;
    private static ApiClient admin;
    private static RawHttps raw;
    private static Path bobKubeconfig;
    private static Path saKubeconfig;
    private static String saToken;

    /** Who sends a request: a kubeconfig's certificate, a bearer token, or nothing. */
    private enum Identity { ANONYMOUS, ADMIN, BOB, SERVICE_ACCOUNT }

    /**
     * One request and what each identity gets: 0 for success (200, or 201 for creates), else the 403 message with
     * %s for the user. Anonymous is always 401.
     */
    private record Row(String method, String path, String body, int success, String forbidden, boolean saAllowed) {
    }

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-authz-");
        server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
        admin = ApiClient.fromKubeconfig(server.kubeconfig());
        raw = new RawHttps(server);
        bobKubeconfig = bobKubeconfig();
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", NS);
            kubectl.ok("-n", NS, "create", "configmap", "x", "--from-literal=k=v");
            kubectl.ok("-n", NS, "create", "secret", "generic", "s", "--from-literal=k=v");
            kubectl.ok("-n", NS, "create", "serviceaccount", "reader");
            kubectl.ok("-n", NS, "create", "rolebinding", "reader-view", "--clusterrole=view",
                    "--serviceaccount=sec:reader");
            saToken = kubectl.ok("-n", NS, "create", "token", "reader").trim();
            // the controller manager aggregates view's rules from system:aggregate-to-view; bounded wait
            for (int i = 0; i < 120 && !kubectl.run("auth", "can-i", "list", "configmaps", "-n", NS, "--as", SA_USER)
                    .out().trim().equals("yes"); i++) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        saKubeconfig = dataDir.resolve("sa-kubeconfig");
        Files.writeString(saKubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: k8j, cluster: {server: "%s", certificate-authority: "%s"}}]
                users: [{name: reader, user: {token: "%s"}}]
                contexts: [{name: k8j, context: {cluster: k8j, user: reader}}]
                current-context: k8j
                """.formatted(server.url(), dataDir.resolve("pki/ca.crt"), saToken));
    }

    /** A CN=bob, O=developers client certificate signed by the cluster CA, as an administrator would make one. */
    private static Path bobKubeconfig() throws IOException {
        Path pki = dataDir.resolve("pki");
        ClusterCaClient bob = ClusterCaClient.issue(pki, dataDir.resolve("bob"), "/O=developers/CN=bob");
        Path kubeconfig = dataDir.resolve("bob/kubeconfig");
        Kubeconfig.write(kubeconfig, server.url(), Files.readString(pki.resolve("ca.crt")),
                Files.readString(bob.cert()), Files.readString(bob.key()), "default");
        return kubeconfig;
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void everyIdentityGetsExactlyWhatItsBindingsAllow() {
        List<Row> rows = List.of(
                new Row("GET", "/api/v1/namespaces/sec/configmaps", null, 200, "configmaps is forbidden: User \"%s\""
                        + " cannot list resource \"configmaps\" in API group \"\" in the namespace \"sec\"", true),
                new Row("GET", "/api/v1/namespaces/sec/configmaps/x", null, 200, "configmaps \"x\" is forbidden: User"
                        + " \"%s\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"sec\"", true),
                new Row("POST", "/api/v1/namespaces/sec/configmaps", CM.formatted("made"), 201, "configmaps is"
                        + " forbidden: User \"%s\" cannot create resource \"configmaps\" in API group \"\" in the"
                        + " namespace \"sec\"", false),
                new Row("DELETE", "/api/v1/namespaces/sec/configmaps/made", null, 200, "configmaps \"made\" is"
                        + " forbidden: User \"%s\" cannot delete resource \"configmaps\" in API group \"\" in the"
                        + " namespace \"sec\"", false),
                new Row("GET", "/api/v1/namespaces/sec/secrets", null, 200, "secrets is forbidden: User \"%s\" cannot"
                        + " list resource \"secrets\" in API group \"\" in the namespace \"sec\"", false),
                new Row("GET", "/api/v1/namespaces/sec/secrets/s", null, 200, "secrets \"s\" is forbidden: User \"%s\""
                        + " cannot get resource \"secrets\" in API group \"\" in the namespace \"sec\"", false),
                new Row("DELETE", "/api/v1/namespaces/sec/secrets/s", null, 0, "secrets \"s\" is forbidden: User \"%s\""
                        + " cannot delete resource \"secrets\" in API group \"\" in the namespace \"sec\"", false),
                new Row("GET", "/api/v1/namespaces", null, 200, "namespaces is forbidden: User \"%s\" cannot list"
                        + " resource \"namespaces\" in API group \"\" at the cluster scope", false),
                // view grants namespaces at the namespace scope: a service account may read its own namespace
                new Row("GET", "/api/v1/namespaces/sec", null, 200, "namespaces \"sec\" is forbidden: User \"%s\""
                        + " cannot get resource \"namespaces\" in API group \"\" in the namespace \"sec\"", true),
                new Row("POST", "/api/v1/namespaces", NAMESPACE.formatted("made-ns"), 201, "namespaces is forbidden:"
                        + " User \"%s\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope", false),
                new Row("DELETE", "/api/v1/namespaces/made-ns", null, 200, "namespaces \"made-ns\" is forbidden: User"
                        + " \"%s\" cannot delete resource \"namespaces\" in API group \"\" in the namespace \"made-ns\"",
                        false),
                new Row("GET", "/metrics", null, 0, "forbidden: User \"%s\" cannot get path \"/metrics\"", false));
        for (Identity who : List.of(Identity.ANONYMOUS, Identity.BOB, Identity.SERVICE_ACCOUNT, Identity.ADMIN)) {
            for (Row row : rows) {
                ApiClient.Response r = send(who, row);
                String what = who + " " + row.method() + " " + row.path() + ": " + r.body();
                switch (who) {
                    case ANONYMOUS -> {
                        assertThat(r.code()).as(what).isEqualTo(401);
                        assertThat(r.body()).as(what).isEqualTo(AuthenticationE2ETest.UNAUTHORIZED);
                    }
                    case ADMIN -> {
                        if (row.success() != 0) {
                            assertThat(r.code()).as(what).isEqualTo(row.success());
                        }
                    }
                    case BOB -> assertForbidden(r, row.forbidden().formatted("bob"), what);
                    case SERVICE_ACCOUNT -> {
                        if (row.saAllowed()) {
                            assertThat(r.code()).as(what).isEqualTo(row.success());
                        } else {
                            assertForbidden(r, row.forbidden().formatted(SA_USER), what);
                        }
                    }
                }
            }
        }
    }

    private static void assertForbidden(ApiClient.Response r, String message, String what) {
        assertThat(r.code()).as(what).isEqualTo(403);
        assertThat(r.json().path("reason").asText()).as(what).isEqualTo("Forbidden");
        assertThat(r.json().path("message").asText()).as(what).isEqualTo(message);
    }

    private static ApiClient.Response send(Identity who, Row row) {
        return switch (who) {
            case ANONYMOUS -> row.body() == null ? raw.send(row.method(), row.path(), null)
                    : raw.send(row.method(), row.path(), row.body(), "Content-Type", "application/json");
            case SERVICE_ACCOUNT -> row.body() == null
                    ? raw.send(row.method(), row.path(), null, "Authorization", "Bearer " + saToken)
                    : raw.send(row.method(), row.path(), row.body(), "Authorization", "Bearer " + saToken,
                    "Content-Type", "application/json");
            case ADMIN -> client(server.kubeconfig(), row);
            case BOB -> client(bobKubeconfig, row);
        };
    }

    private static ApiClient.Response client(Path kubeconfig, Row row) {
        ApiClient api = ApiClient.fromKubeconfig(kubeconfig);
        return api.send(row.method(), row.path(), row.body() == null ? null : "application/json",
                row.body() == null ? null : row.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void kubectlSeesForbiddenAndCanI(String binary) {
        try (Kubectl asAdmin = new Kubectl(binary, server.kubeconfig());
             Kubectl asBob = new Kubectl(binary, bobKubeconfig);
             Kubectl asReader = new Kubectl(binary, saKubeconfig)) {
            Kubectl.Result bobDelete = asBob.run("-n", NS, "delete", "configmap", "x");
            assertThat(bobDelete.code()).isEqualTo(1);
            assertThat(bobDelete.err()).isEqualTo("Error from server (Forbidden): configmaps \"x\" is forbidden: User"
                    + " \"bob\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"sec\"\n");

            assertThat(asBob.run("auth", "can-i", "get", "configmaps", "-n", NS).out()).isEqualTo("no\n");
            assertThat(asBob.run("auth", "can-i", "create", "selfsubjectaccessreviews.authorization.k8s.io").out())
                    .isEqualTo("yes\n");
            assertThat(asReader.ok("auth", "can-i", "list", "configmaps", "-n", NS)).isEqualTo("yes\n");
            assertThat(asReader.run("auth", "can-i", "get", "secrets", "-n", NS).out()).isEqualTo("no\n");
            assertThat(asReader.run("auth", "can-i", "list", "configmaps", "-n", "default").out()).isEqualTo("no\n");
            assertThat(asAdmin.ok("auth", "can-i", "*", "*")).isEqualTo("yes\n");
            assertThat(asAdmin.ok("-n", NS, "get", "rolebindings", "-o", "wide"))
                    .containsPattern("\nreader-view +ClusterRole/view +\\S+ +sec/reader\n");
            assertThat(asAdmin.ok("get", "clusterroles", "view")).containsPattern("\nview +\\d{4}-\\d\\d-\\d\\dT");

            String list = asReader.ok("auth", "can-i", "--list", "-n", NS);
            assertThat(list).contains("selfsubjectaccessreviews.authorization.k8s.io")
                    .containsPattern("\\nconfigmaps +\\[\\] +\\[\\] +\\[get list watch\\]")
                    .doesNotContain("\nsecrets ");
            assertThat(asBob.ok("auth", "can-i", "--list", "-n", NS)).doesNotContain("configmaps");

            // --as: the admin may impersonate, and then is bob (or the service account)
            assertThat(asAdmin.ok("auth", "can-i", "list", "configmaps", "-n", NS, "--as", SA_USER)).isEqualTo("yes\n");
            assertThat(asAdmin.run("auth", "can-i", "list", "configmaps", "-n", NS, "--as", "bob").out()).isEqualTo("no\n");
            Kubectl.Result asBobViaAdmin = asAdmin.run("-n", NS, "get", "configmaps", "--as", "bob");
            assertThat(asBobViaAdmin.err()).isEqualTo("Error from server (Forbidden): configmaps is forbidden: User"
                    + " \"bob\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"sec\"\n");
            assertThat(asAdmin.ok("-n", NS, "get", "configmaps", "x", "-o", "name", "--as", SA_USER))
                    .isEqualTo("configmap/x\n");
            assertThat(asAdmin.ok("auth", "whoami", "--as", "bob", "--as-group", "developers", "-o", "jsonpath={.status.userInfo.groups}"))
                    .isEqualTo("[\"developers\",\"system:authenticated\"]");

            // bob may not impersonate
            Kubectl.Result bobAsAdmin = asBob.run("-n", NS, "get", "configmaps", "--as", "admin");
            assertThat(bobAsAdmin.err()).isEqualTo("Error from server (Forbidden): users \"admin\" is forbidden: User"
                    + " \"bob\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope\n");
            Kubectl.Result bobAsMasters = asBob.run("-n", NS, "get", "configmaps", "--as", "bob", "--as-group",
                    "system:masters");
            assertThat(bobAsMasters.err()).isEqualTo("Error from server (Forbidden): users \"bob\" is forbidden: User"
                    + " \"bob\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope\n");
        }
    }

    @Test
    void aNamespaceAdminGrantsOnlyWhatItHolds() throws InterruptedException {
        try (Kubectl asAdmin = new Kubectl(Kubectl.V133, server.kubeconfig());
             Kubectl asBob = new Kubectl(Kubectl.V133, bobKubeconfig)) {
            asAdmin.ok("create", "namespace", "team");
            asAdmin.ok("-n", "team", "create", "rolebinding", "bob-admin", "--clusterrole=admin", "--user=bob");
            for (int i = 0; i < 60 && !asBob.run("auth", "can-i", "create", "roles", "-n", "team").out().equals("yes\n"); i++) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            asBob.ok("-n", "team", "create", "role", "cm-reader", "--verb=get,list", "--resource=configmaps");
            asBob.ok("-n", "team", "create", "rolebinding", "eve-view", "--clusterrole=view", "--user=eve");

            Kubectl.Result nodes = asBob.run("-n", "team", "create", "role", "node-reader", "--verb=get,list",
                    "--resource=nodes");
            assertThat(nodes.err()).contains("roles.rbac.authorization.k8s.io"
                    + " \"node-reader\" is forbidden: user \"bob\" (groups=[\"developers\" \"system:authenticated\"])"
                    + " is attempting to grant RBAC permissions not currently held:\n"
                    + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}\n");
            Kubectl.Result clusterAdmin = asBob.run("-n", "team", "create", "rolebinding", "eve-root",
                    "--clusterrole=cluster-admin", "--user=eve");
            assertThat(clusterAdmin.err()).contains("rolebindings.rbac.authorization.k8s.io"
                    + " \"eve-root\" is forbidden: user \"bob\" (groups=[\"developers\" \"system:authenticated\"])"
                    + " is attempting to grant RBAC permissions not currently held:\n")
                    .contains("{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
            // a patch may not escalate either
            Kubectl.Result patched = asBob.run("-n", "team", "patch", "role", "cm-reader", "--type=json", "-p",
                    "[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"\"],\"resources\":[\"nodes\"],"
                            + "\"verbs\":[\"delete\"]}}]");
            assertThat(patched.err()).contains("roles.rbac.authorization.k8s.io \"cm-reader\" is forbidden: user \"bob\"")
                    .contains("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"delete\"]}");
        }
    }

    @Test
    void accessReviewsAnswerForOtherUsers() {
        String sar = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{%s"
                + "\"resourceAttributes\":{\"namespace\":\"sec\",\"verb\":\"%s\",\"resource\":\"configmaps\"}}}";
        ApiClient.Response allowed = admin.post("/apis/authorization.k8s.io/v1/subjectaccessreviews",
                sar.formatted("\"user\":\"" + SA_USER + "\",\"groups\":[\"system:serviceaccounts\"],", "list"));
        assertThat(allowed.code()).isEqualTo(201);
        assertThat(allowed.json().path("status").path("allowed").asBoolean()).isTrue();
        ApiClient.Response denied = admin.post("/apis/authorization.k8s.io/v1/subjectaccessreviews",
                sar.formatted("\"user\":\"" + SA_USER + "\",", "delete"));
        assertThat(denied.json().path("status").toString()).isEqualTo("{\"allowed\":false}");
        ApiClient.Response nobody = admin.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", sar.formatted("", "list"));
        assertThat(nobody.code()).isEqualTo(422);
        assertThat(nobody.json().path("message").asText()).isEqualTo("SubjectAccessReview.authorization.k8s.io \"\" is"
                + " invalid: spec.user: Invalid value: \"\": at least one of user or group must be specified");

        String lsar = sar.replace("SubjectAccessReview", "LocalSubjectAccessReview").formatted("\"user\":\"bob\",", "get");
        ApiClient.Response local = admin.post("/apis/authorization.k8s.io/v1/namespaces/sec/localsubjectaccessreviews", lsar);
        assertThat(local.code()).isEqualTo(201);
        assertThat(local.json().path("status").path("allowed").asBoolean()).isFalse();
        ApiClient.Response elsewhere = admin.post("/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews",
                lsar);
        assertThat(elsewhere.code()).isEqualTo(400);
        assertThat(elsewhere.json().path("message").asText())
                .isEqualTo("spec.resourceAttributes.namespace must match namespace: default");
        // bob may review himself, not others
        ApiClient.Response bobAsks = ApiClient.fromKubeconfig(bobKubeconfig).post(
                "/apis/authorization.k8s.io/v1/subjectaccessreviews", sar.formatted("\"user\":\"eve\",", "get"));
        assertThat(bobAsks.code()).isEqualTo(403);
        assertThat(bobAsks.json().path("message").asText()).isEqualTo("subjectaccessreviews.authorization.k8s.io is"
                + " forbidden: User \"bob\" cannot create resource \"subjectaccessreviews\" in API group"
                + " \"authorization.k8s.io\" at the cluster scope");
    }
}
