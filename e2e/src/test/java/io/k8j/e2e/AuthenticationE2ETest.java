package io.k8j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.apiserver.authn.AuthenticationOptions;
import io.k8j.apiserver.authn.BoundClaims;
import io.k8j.apiserver.authn.ServiceAccountTokenIssuer;
import io.k8j.apiserver.pki.ServiceAccountKey;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.RawHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication as an attacker and as real clients see it, against a server with a kubelet (process runtime)
 * and a static token file: anonymous requests are 401 everywhere but health and version, refused tokens are
 * 401, and service account, static and bootstrap tokens authenticate as kube's users, through kubectl 1.27 and
 * 1.33 (`create token`, `auth whoami`), TokenReview, and the Python client inside a pod.
 */
class AuthenticationE2ETest {
    static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}\n"; // kube's encoder ends each body with a newline

    private static Path dataDir;
    private static K8jServer server;
    private static ApiClient admin;
    private static RawHttps anonymous;
    private static Path tokenKubeconfig;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-authn-");
        Files.writeString(dataDir.resolve("tokens.csv"), "static-alice-token,alice,1001,\"dev,ops\"\n");
        server = K8jServer.start(dataDir, List.of("--node-name", "authn-node", "--kubelet-port", "0",
                "--pod-loopback-block", "78", "--token-auth-file", dataDir.resolve("tokens.csv").toString()));
        admin = ApiClient.fromKubeconfig(server.kubeconfig());
        anonymous = new RawHttps(server);
        // A kubeconfig with the server and its CA but no user: kubectl's --token is then the only credential.
        tokenKubeconfig = dataDir.resolve("token-kubeconfig");
        Files.writeString(tokenKubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: k8j, cluster: {server: "%s", certificate-authority: "%s"}}]
                contexts: [{name: k8j, context: {cluster: k8j}}]
                current-context: k8j
                """.formatted(server.url(), dataDir.resolve("pki/ca.crt")));
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void anonymousIsUnauthorizedEverywhereButHealthAndVersion() {
        for (String path : List.of("/api", "/apis", "/api/v1/secrets", "/api/v1/namespaces/kube-system/secrets",
                "/api/v1/namespaces/default/pods", "/openapi/v2", "/openapi/v3", "/metrics", "/healthz/ping",
                "/version/", "/apis/authentication.k8s.io/v1", "/nope")) {
            ApiClient.Response r = anonymous.send("GET", path, null);
            assertThat(r.code()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).isEqualTo(UNAUTHORIZED);
            assertThat(r.contentType()).as(path).isEqualTo("application/json");
        }
        for (String path : List.of("/healthz", "/livez", "/readyz")) {
            ApiClient.Response r = anonymous.send("GET", path, null);
            assertThat(r.code()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo("ok");
        }
        assertThat(anonymous.send("GET", "/version", null).json().path("gitVersion").asText()).startsWith("v1.");

        ApiClient.Response create = anonymous.send("POST", "/api/v1/namespaces/default/pods",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"intruder\"},\"spec\":{\"containers\":"
                        + "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"cat\",\"/etc/shadow\"]}]}}",
                "Content-Type", "application/json");
        assertThat(create.code()).isEqualTo(401);
        assertThat(admin.get("/api/v1/namespaces/default/pods/intruder").code()).isEqualTo(404);
        assertThat(anonymous.send("DELETE", "/api/v1/namespaces/kube-system", null).code()).isEqualTo(401);
    }

    @Test
    void anonymousUpgradesAreUnauthorized() {
        HttpClient http = HttpClient.newBuilder().sslContext(anonymous.tls()).build();
        String wss = server.url().replace("https://", "wss://");
        for (String path : List.of("/api/v1/namespaces/default/pods?watch=true",
                "/api/v1/namespaces/kube-system/pods/x/exec?command=sh&stdout=true")) {
            assertThatThrownBy(() -> http.newWebSocketBuilder().subprotocols("v4.channel.k8s.io")
                    .buildAsync(URI.create(wss + path), new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                            .as(path).isEqualTo(401));
        }
        ApiClient.Response spdy = anonymous.send("POST", "/api/v1/namespaces/kube-system/pods/x/exec?command=sh", null);
        assertThat(spdy.code()).isEqualTo(401);
    }

    @Test
    void refusedTokensAreUnauthorizedWhateverThePath() throws Exception {
        String ns = Namespaces.create(admin, "refused");
        createServiceAccount(ns, "robot");
        String token = createToken(ns, "robot", "");
        assertThat(anonymous.getWithToken("/api", token).code()).isEqualTo(200);

        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(":" + ns + ":robot", ":kube-system:default").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String otherAudience = createToken(ns, "robot", "{\"audiences\":[\"https://vault.example\"]}");
        String expired = expiredToken(ns, "robot");
        for (String bad : List.of("garbage", "abcdef.0123456789abcdef", tampered, otherAudience, expired, token + "x")) {
            for (String path : List.of("/api/v1/secrets", "/healthz", "/version")) {
                ApiClient.Response r = anonymous.getWithToken(path, bad);
                assertThat(r.code()).as(path + " with " + bad).isEqualTo(401);
                assertThat(r.body()).isEqualTo(UNAUTHORIZED);
            }
        }

        // Revoked: the account deleted, then re-created under the same name (a new uid).
        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/serviceaccounts/robot").code()).isEqualTo(200);
        awaitTrue(() -> anonymous.getWithToken("/api", token).code() == 401);
        createServiceAccount(ns, "robot");
        assertThat(anonymous.getWithToken("/api", token).code()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void createTokenAuthenticatesAsTheServiceAccount(String binary) {
        String ns = Namespaces.create(admin, "token" + Namespaces.tag(binary));
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig());
             Kubectl withToken = new Kubectl(binary, tokenKubeconfig)) {
            kubectl.ok("-n", ns, "create", "serviceaccount", "robot");
            String token = kubectl.ok("-n", ns, "create", "token", "robot", "--duration", "15m").trim();

            JsonNode review = json(withToken.ok("--token", token, "auth", "whoami", "-o", "json"));
            // kubectl 1.27 asks authentication.k8s.io/v1beta1, later ones v1.
            assertThat(review.path("apiVersion").asText()).isEqualTo(binary.equals(Kubectl.V127)
                    ? "authentication.k8s.io/v1beta1" : "authentication.k8s.io/v1");
            JsonNode user = review.path("status").path("userInfo");
            assertThat(user.path("username").asText()).isEqualTo("system:serviceaccount:" + ns + ":robot");
            assertThat(user.path("uid").asText()).isEqualTo(
                    admin.get("/api/v1/namespaces/" + ns + "/serviceaccounts/robot").json().at("/metadata/uid").asText());
            assertThat(texts(user.path("groups"))).containsExactly("system:serviceaccounts",
                    "system:serviceaccounts:" + ns, "system:authenticated");
            assertThat(user.at("/extra/authentication.kubernetes.io~1credential-id/0").asText()).startsWith("JTI=");
            // RBAC: a new service account may do nothing until bound (here to view, in its namespace)
            Kubectl.Result forbidden = withToken.run("--token", token, "-n", ns, "get", "serviceaccount", "robot");
            assertThat(forbidden.err()).isEqualTo("Error from server (Forbidden): serviceaccounts \"robot\" is forbidden:"
                    + " User \"system:serviceaccount:" + ns + ":robot\" cannot get resource \"serviceaccounts\" in API"
                    + " group \"\" in the namespace \"" + ns + "\"\n");
            kubectl.ok("-n", ns, "create", "rolebinding", "robot-view", "--clusterrole=view",
                    "--serviceaccount=" + ns + ":robot");
            awaitTrue(() -> withToken.run("--token", token, "-n", ns, "get", "serviceaccount", "robot", "-o", "name")
                    .out().equals("serviceaccount/robot\n"));

            kubectl.ok("-n", ns, "delete", "serviceaccount", "robot");
            Kubectl.Result refused = withToken.run("--token", token, "auth", "whoami");
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("Unauthorized");
            kubectl.ok("-n", ns, "create", "serviceaccount", "again");
            Kubectl.Result tooShort = kubectl.run("-n", ns, "create", "token", "again", "--duration", "1m");
            assertThat(tooShort.err()).contains("TokenRequest.authentication.k8s.io \"again\" is invalid: "
                    + "spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes");
            assertThat(kubectl.run("-n", ns, "create", "token", "nobody").err())
                    .contains("serviceaccounts \"nobody\" not found");
        }
    }

    @Test
    void tokenReviewSaysWhoATokenIs() {
        String ns = Namespaces.create(admin, "review");
        createServiceAccount(ns, "robot");
        String token = createToken(ns, "robot", "{\"audiences\":[\"https://vault.example\"]}");

        JsonNode mine = review(token, "\"audiences\":[\"https://vault.example\"]");
        assertThat(mine.path("authenticated").asBoolean()).isTrue();
        assertThat(mine.at("/user/username").asText()).isEqualTo("system:serviceaccount:" + ns + ":robot");
        assertThat(texts(mine.path("audiences"))).containsExactly("https://vault.example");

        JsonNode forTheApi = review(token, "");
        assertThat(forTheApi.path("authenticated").asBoolean()).isFalse();
        assertThat(forTheApi.path("error").asText()).isEqualTo("token audiences [\"https://vault.example\"] is invalid "
                + "for the target audiences [\"" + AuthenticationOptions.DEFAULT_ISSUER + "\"]");

        JsonNode garbage = review("garbage", "");
        assertThat(garbage.path("authenticated").asBoolean()).isFalse();
        assertThat(garbage.path("error").asText()).isEqualTo("invalid bearer token");
        assertThat(admin.post("/apis/authentication.k8s.io/v1/tokenreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{}}").json()
                .path("message").asText()).isEqualTo("token is required for TokenReview in authentication");
        assertThat(admin.get("/apis/authentication.k8s.io/v1/tokenreviews").code()).isEqualTo(405);
    }

    @Test
    void staticAndBootstrapTokensAuthenticate() {
        try (Kubectl withToken = new Kubectl(Kubectl.V133, tokenKubeconfig)) {
            JsonNode alice = json(withToken.ok("--token", "static-alice-token", "auth", "whoami", "-o", "json"))
                    .path("status").path("userInfo");
            assertThat(alice.path("username").asText()).isEqualTo("alice");
            assertThat(alice.path("uid").asText()).isEqualTo("1001");
            assertThat(texts(alice.path("groups"))).containsExactly("dev", "ops", "system:authenticated");

            String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"bootstrap.kubernetes.io/token\","
                    + "\"metadata\":{\"name\":\"bootstrap-token-e2eabc\",\"namespace\":\"kube-system\"},\"stringData\":{"
                    + "\"token-id\":\"e2eabc\",\"token-secret\":\"0123456789abcdef\",\"usage-bootstrap-authentication\":\"true\","
                    + "\"auth-extra-groups\":\"system:bootstrappers:k8j:default-node-token\","
                    + "\"expiration\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}}";
            assertThat(admin.post("/api/v1/namespaces/kube-system/secrets", secret).code()).isEqualTo(201);
            JsonNode bootstrap = json(withToken.ok("--token", "e2eabc.0123456789abcdef", "auth", "whoami", "-o", "json"))
                    .path("status").path("userInfo");
            assertThat(bootstrap.path("username").asText()).isEqualTo("system:bootstrap:e2eabc");
            assertThat(texts(bootstrap.path("groups"))).containsExactly("system:bootstrappers",
                    "system:bootstrappers:k8j:default-node-token", "system:authenticated");

            assertThat(admin.delete("/api/v1/namespaces/kube-system/secrets/bootstrap-token-e2eabc").code()).isEqualTo(200);
            awaitTrue(() -> anonymous.getWithToken("/api", "e2eabc.0123456789abcdef").code() == 401);
        }
    }

    @Test
    void aPodsOwnTokenReadFromItsMountedFileAuthenticatesAsItsAccountAndCanDoExactlyItsRole() {
        String ns = Namespaces.create(admin, "podtoken");
        String script = Path.of("src/test/python/in_pod_whoami.py").toAbsolutePath().toString();
        assertThat(admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/roles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"read-configmaps"},
                 "rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list"]}]}
                """).code()).isEqualTo(201);
        assertThat(admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"read-configmaps"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"read-configmaps"},
                 "subjects":[{"kind":"ServiceAccount","name":"default","namespace":"%s"}]}
                """.formatted(ns)).code()).isEqualTo(201);
        assertThat(admin.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"whoami"},"spec":{"restartPolicy":"Never",
                 "containers":[{"name":"py","image":"python","command":["/usr/bin/python3","%s"]}]}}
                """.formatted(script)).code()).isEqualTo(201);
        awaitTrue(() -> List.of("Succeeded", "Failed").contains(
                admin.get("/api/v1/namespaces/" + ns + "/pods/whoami").json().at("/status/phase").asText()));
        String log = admin.get("/api/v1/namespaces/" + ns + "/pods/whoami/log").body();
        assertThat(log).contains("whoami system:serviceaccount:" + ns + ":default whoami " + ns);
        assertThat(log).contains("can configmaps 200", "can secrets 403", "can configmaps-in-default 403");
        assertThat(admin.get("/api/v1/namespaces/" + ns + "/pods/whoami").json().at("/status/phase").asText())
                .isEqualTo("Succeeded");

        String rootCa = "/api/v1/namespaces/" + ns + "/configmaps/kube-root-ca.crt";
        String ca = read(dataDir.resolve("pki/ca.crt"));
        assertThat(admin.get(rootCa).json().at("/data/ca.crt").asText()).isEqualTo(ca);
        // The publisher puts it back when it is edited or deleted.
        assertThat(admin.patch(rootCa, "application/merge-patch+json", "{\"data\":{\"ca.crt\":\"forged\"}}").code())
                .isEqualTo(200);
        awaitTrue(() -> admin.get(rootCa).json().at("/data/ca.crt").asText().equals(ca));
        assertThat(admin.delete(rootCa).code()).isEqualTo(200);
        awaitTrue(() -> admin.get(rootCa).code() == 200);

        // Bound to the pod: gone with it.
        String bound = createToken(ns, "default", "{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"whoami\"}}");
        assertThat(anonymous.getWithToken("/api", bound).code()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/namespaces/" + ns + "/pods/whoami?gracePeriodSeconds=0").code()).isEqualTo(200);
        awaitTrue(() -> admin.get("/api/v1/namespaces/" + ns + "/pods/whoami").code() == 404);
        awaitTrue(() -> anonymous.getWithToken("/api", bound).code() == 401);
    }

    private static void createServiceAccount(String ns, String name) {
        ApiClient.Response r = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts",
                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"" + name + "\"}}");
        assertThat(r.code()).as(r.toString()).isEqualTo(201);
    }

    /** A TokenRequest as the admin; {@code spec} is the JSON spec ("" for none). */
    private static String createToken(String ns, String account, String spec) {
        ApiClient.Response r = admin.post("/api/v1/namespaces/" + ns + "/serviceaccounts/" + account + "/token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\""
                        + (spec.isEmpty() ? "" : ",\"spec\":" + spec) + "}");
        assertThat(r.code()).as(r.toString()).isEqualTo(201);
        return r.json().at("/status/token").asText();
    }

    /** Well signed (with the server's own key) and otherwise valid, but an hour past its expiry. */
    private static String expiredToken(String ns, String account) {
        ServiceAccountKey key = ServiceAccountKey.loadOrCreate(dataDir.resolve("pki"));
        String uid = admin.get("/api/v1/namespaces/" + ns + "/serviceaccounts/" + account).json().at("/metadata/uid").asText();
        return new ServiceAccountTokenIssuer(AuthenticationOptions.DEFAULT_ISSUER, key.privateKey(), key.publicKey())
                .issue(Instant.now().minus(Duration.ofHours(2)), List.of(AuthenticationOptions.DEFAULT_ISSUER), 3600, 0,
                        new BoundClaims(ns, new BoundClaims.Ref(account, uid), null, null, null, 0));
    }

    private static JsonNode review(String token, String audiences) {
        ApiClient.Response r = admin.post("/apis/authentication.k8s.io/v1/tokenreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + token + "\""
                        + (audiences.isEmpty() ? "" : "," + audiences) + "}}");
        assertThat(r.code()).as(r.toString()).isEqualTo(201);
        return r.json().path("status");
    }

    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
