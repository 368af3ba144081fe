package io.k8j.e2e.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One k8j server for all the tests of a class: started before the first, stopped after the last
 * (after the class's own {@code @AfterAll} methods), with an {@link ApiClient} and one {@link Kubectl}
 * per binary, made on first use, for its admin kubeconfig.
 *
 * <p>JUnit makes test instances after the server has started, so instance fields may take its client.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedServer K8J = new SharedServer();
 * private final ApiClient api = K8J.api();
 * }</pre>
 */
public final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, Kubectl> kubectls = new ConcurrentHashMap<>();
    private final Supplier<List<String>> args;
    private K8jServer server;
    private ApiClient api;

    /** A control plane on embedded SQLite, as {@link K8jServer#start()}. */
    public SharedServer() {
        this(() -> List.of(K8jServer.CONTROL_PLANE_ONLY));
    }

    /** A server started with {@code args}, read when the class starts (after extensions registered before it). */
    public SharedServer(Supplier<List<String>> args) {
        this.args = args;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = K8jServer.start(null, args.get());
        api = ApiClient.fromKubeconfig(server.kubeconfig());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kubectls.values().forEach(Kubectl::close);
        if (server != null) {
            server.close();
        }
    }

    /** The server's data dir (its PKI is in pki/). */
    public java.nio.file.Path dataDir() {
        return server.dataDir();
    }

    public ApiClient api() {
        return api;
    }

    /** Where the server's log goes (its stderr). */
    public Path serverLog() {
        return server.dataDir().resolve("server.log");
    }

    /** The kubectl {@code binary} (e.g. {@link Kubectl#V133}) for this server; one per binary. */
    public Kubectl kubectl(String binary) {
        return kubectls.computeIfAbsent(binary, b -> new Kubectl(b, server.kubeconfig()));
    }
}
