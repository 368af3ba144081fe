package io.k8j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.pki.KubeconfigCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The cost of one admission webhook per request: ConfigMap creates in a namespace no webhook applies to, then in
 * one where a no-op validating webhook (in this process, HTTPS on 127.0.0.1) is called for each, in the same run.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "ConfigMap creates without and with one no-op validating admission webhook.")
final class WebhookBench implements Callable<Integer> {
    private static final String CONFIGURATION = "k8j-bench-noop";
    private static final int EFFECT_TRIES = 100;

    @Mixin
    CommonOptions options;

    @Option(names = "--kubeconfig", required = true, description = "Server URL and client certificate.")
    Path kubeconfig;

    @Override
    public Integer call() throws Exception {
        KubeconfigCredentials credentials = KubeconfigCredentials.read(kubeconfig);
        ApiClient plain = new ApiClient(credentials, options.namespace + "-plain");
        ApiClient hooked = new ApiClient(credentials, options.namespace + "-hooked");
        ApiClient configurations = new ApiClient(credentials, null,
                "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations");
        plain.ensureNamespace();
        hooked.ensureNamespace();
        String target = options.label != null ? options.label : "k8j API";
        Load load = new Load(target, new CpuMeter(options.serverPids));
        try (NoopWebhook webhook = new NoopWebhook()) {
            configurations.create(webhook.configuration(CONFIGURATION, hooked.namespace()));
            try {
                awaitCalled(hooked, webhook);
                return measure(plain, hooked, webhook, load);
            } finally {
                configurations.delete(CONFIGURATION);
            }
        }
    }

    private int measure(ApiClient plain, ApiClient hooked, NoopWebhook webhook, Load load) throws IOException {
        int n = options.count;
        int c = options.concurrency;
        for (ApiClient api : List.of(plain, hooked)) {
            load.warmUp("create", options.warmup, c, i -> api.create(object(api, "warmup-" + i)));
            load.warmUp("delete", options.warmup, c, i -> api.delete("warmup-" + i));
        }
        List<PhaseResult> results = new ArrayList<>();
        results.add(load.run("create, no webhook", n, c, i -> plain.create(object(plain, ConfigMaps.name(i)))));
        long before = webhook.calls();
        results.add(load.run("create, 1 no-op validating webhook", n, c, i -> hooked.create(object(hooked, ConfigMaps.name(i)))));
        long called = webhook.calls() - before;
        for (ApiClient api : List.of(plain, hooked)) {
            load.warmUp("cleanup", n, c, i -> api.delete(ConfigMaps.name(i)));
        }
        int exit = Report.print(results, options);
        if (called != n) {
            System.err.println("the webhook was called " + called + " times for " + n + " creates");
            return 1;
        }
        return exit;
    }

    /** Until the server's watch has the new configuration: creates and deletes a probe (bounded). */
    private void awaitCalled(ApiClient hooked, NoopWebhook webhook) throws Exception {
        for (int i = 0; i < EFFECT_TRIES && webhook.calls() == 0; i++) {
            hooked.create(object(hooked, "probe"));
            hooked.delete("probe");
            Thread.sleep(100);
        }
        if (webhook.calls() == 0) {
            throw new IllegalStateException("the webhook configuration did not take effect");
        }
    }

    private ObjectNode object(ApiClient api, String name) {
        return ConfigMaps.object(api.namespace(), name, options.payloadBytes);
    }
}
