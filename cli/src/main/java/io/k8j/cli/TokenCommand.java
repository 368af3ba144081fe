package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code k8j token}: bootstrap tokens with which agents join the cluster, as {@code kubeadm token}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage bootstrap tokens for joining nodes.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class})
final class TokenCommand {

    /** Where the API server is and who we are to it: the server's admin kubeconfig unless told otherwise. */
    static final class Connection {
        @Option(names = "--kubeconfig", description = "Kubeconfig of an admin (default: DATA_DIR/kubeconfig).")
        Path kubeconfig;

        @Option(names = {"--data-dir", "-d"}, description = "The server's state directory (default: /var/lib/k8j as root, else ~/.k8j).")
        Path dataDir;

        Config config() {
            Config config = InputFiles.kubeconfig(kubeconfig != null ? kubeconfig : DataDirs.path(dataDir).resolve("kubeconfig"));
            ApiReachability.check(config, "check --kubeconfig");
            return config;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a bootstrap token and print the join command.")
    static final class Create implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--ttl", defaultValue = "24h", converter = Ttl.class,
                description = "How long the token is valid, 0 for ever (default: ${DEFAULT-VALUE}).")
        Duration ttl;

        @Option(names = "--description", description = "What the token is for.")
        String description;

        @Option(names = "--groups", split = ",", defaultValue = BootstrapTokenSecrets.DEFAULT_GROUP,
                description = "Extra groups the token authenticates as (default: ${DEFAULT-VALUE}).")
        List<String> groups;

        @Override
        public Integer call() {
            Config config = connection.config();
            String caPem = caPem(config);
            JoinToken token = JoinToken.generate(caPem);
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                client.secrets().inNamespace(BootstrapTokenSecrets.NAMESPACE).resource(BootstrapTokenSecrets.of(token,
                        ttl, description, groups, Clock.systemUTC().instant())).create();
            }
            String server = config.getMasterUrl().replaceAll("/+$", "");
            PrintStream out = System.out;
            out.println(token.secure());
            out.println();
            out.println("Join a node with:");
            out.println("  k8j agent --server " + server + " --token " + token.secure());
            return 0;
        }

        private static String caPem(Config config) {
            String ca = InputFiles.caPem(config);
            if (ca == null) {
                throw new StartupFailure("the kubeconfig names no certificate authority, which joining nodes must check");
            }
            return ca;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List bootstrap tokens.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Override
        public Integer call() {
            List<Secret> secrets;
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config()).build()) {
                secrets = client.secrets().inNamespace(BootstrapTokenSecrets.NAMESPACE)
                        .withField("type", BootstrapTokenSecrets.TYPE).list().getItems();
            }
            System.out.print(TokenTable.render(secrets, Clock.systemUTC().instant()));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete bootstrap tokens (by ID or whole token).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(arity = "1..*", paramLabel = "TOKEN", description = "Token IDs, or tokens.")
        List<String> tokens;

        @Override
        public Integer call() {
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config()).build()) {
                for (String given : tokens) {
                    String id = id(given);
                    if (client.secrets().inNamespace(BootstrapTokenSecrets.NAMESPACE)
                            .withName(BootstrapTokenSecrets.PREFIX + id).delete().isEmpty()) {
                        throw new StartupFailure("bootstrap token \"" + id + "\" not found");
                    }
                    System.out.println("bootstrap token \"" + id + "\" deleted");
                }
            }
            return 0;
        }

        private static String id(String given) {
            if (given.matches("[a-z0-9]{6}")) {
                return given;
            }
            JoinToken token = JoinToken.parse(given);
            if (token == null) {
                throw new StartupFailure("\"" + given + "\" is neither a token ID ([a-z0-9]{6}) nor a token");
            }
            return token.id();
        }
    }

    /** A Go duration, or 0 for a token that never expires. */
    static final class Ttl implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.equals("0") ? Duration.ZERO : new StandaloneFlags.GoDuration().convert(value);
        }
    }
}
