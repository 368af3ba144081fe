package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.kubelet.Kubelet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code k8j agent}: a kubelet alone, joining a cluster through a kubeconfig (the token flow comes with
 * the security work). Its node server needs a serving certificate from the cluster CA (--tls-cert-file,
 * --tls-private-key-file); without one, logs of its pods are not reachable through the API server.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run a k8j node agent (kubelet).")
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--server", description = "API server URL (default: the kubeconfig's).")
    String server;

    @Option(names = "--kubeconfig", required = true, description = "Kubeconfig with the node's credentials.")
    Path kubeconfig;

    @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
    Path dataDir;

    @Option(names = "--tls-cert-file", description = "Serving certificate of the node server (PEM).")
    Path tlsCert;

    @Option(names = "--tls-private-key-file", description = "Key of the serving certificate (PEM).")
    Path tlsKey;

    @Mixin
    KubeletOptions kubelet;

    @Override
    public Integer call() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        if (server != null) {
            config.setMasterUrl(server);
        }
        Path dir = DataDirs.resolve(dataDir);
        String ca = config.getCaCertData() == null ? null
                : new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8);
        String cert = tlsCert == null ? null : Files.readString(tlsCert);
        String key = tlsKey == null ? null : Files.readString(tlsKey);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Kubelet k = Kubelet.start(client, kubelet.config(kubelet.nodeName(), dir, false, cert, key, ca), kubelet.runtime(dir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            k.close();
            client.close();
            stopped.countDown();
        }, "k8j-agent-shutdown"));
        stopped.await();
        return 0;
    }
}
