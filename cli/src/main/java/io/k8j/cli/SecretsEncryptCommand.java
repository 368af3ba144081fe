package io.k8j.cli;

import io.k8j.apiserver.encryption.EncryptionConfig;
import io.k8j.apiserver.encryption.EncryptionConfigFile;
import io.k8j.apiserver.encryption.InvalidEncryptionConfigException;
import io.k8j.apiserver.encryption.SecretsKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code k8j secrets-encrypt status|enable|rotate-keys}, as k3s's: the encryption configuration of the server of a
 * data dir, and key rotation that rewrites every secret through the API of the running server.
 */
@Command(name = "secrets-encrypt", mixinStandardHelpOptions = true,
        description = "Turn on and rotate the encryption of secrets at rest.",
        subcommands = {SecretsEncryptCommand.Status.class, SecretsEncryptCommand.Enable.class, SecretsEncryptCommand.RotateKeys.class})
final class SecretsEncryptCommand {

    /** The data dir and the configuration file of the server. */
    static final class Target {
        @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
        Path dataDir;

        @Option(names = "--encryption-provider-config",
                description = "The server's EncryptionConfiguration (default: DATA_DIR/cred/encryption-config.yaml).")
        Path file;

        Path dir() {
            return DataDirs.path(dataDir);
        }

        Path file() {
            return file != null ? file : EncryptionConfigs.inDataDir(dir());
        }

        EncryptionConfig read() {
            if (!Files.exists(file())) {
                throw new StartupFailure("secrets encryption is not enabled (no " + file() + "); run k8j secrets-encrypt enable");
            }
            try {
                return EncryptionConfigFile.read(file());
            } catch (InvalidEncryptionConfigException e) {
                throw new StartupFailure(e.getMessage());
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether secrets are encrypted, and with which keys.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            if (!Files.exists(target.file())) {
                System.out.println("Encryption Status: Disabled");
                return 0;
            }
            EncryptionConfig.Provider active = SecretsKeys.active(target.read());
            System.out.println("Encryption Status: " + (active == null ? "Disabled" : "Enabled"));
            System.out.println("Config: " + target.file());
            if (active != null) {
                System.out.printf("%-7s%-10s%s%n", "Active", "Type", "Name");
                for (int i = 0; i < active.keys().size(); i++) {
                    System.out.printf("%-7s%-10s%s%n", i == 0 ? " *" : "", active.type(), active.keys().get(i).name());
                }
            }
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Write an encryption configuration with a new aescbc key for secrets (used from the next server start).")
    static final class Enable implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(target.file())) {
                System.out.println("secrets encryption is already configured in " + target.file());
                return 0;
            }
            Files.createDirectories(target.file().toAbsolutePath().getParent());
            EncryptionConfigFile.write(target.file(), SecretsKeys.generated(Instant.now()));
            System.out.println("secrets encryption enabled: wrote " + target.file()
                    + "; restart k8j server to use it, then run k8j secrets-encrypt rotate-keys to encrypt the secrets stored before");
            return 0;
        }
    }

    @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
            description = "Add a new key, rewrite every secret with it through the running server, then drop the old keys.")
    static final class RotateKeys implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--kubeconfig", description = "Admin kubeconfig of the running server (default: DATA_DIR/kubeconfig).")
        Path kubeconfig;

        @Override
        public Integer call() {
            EncryptionConfig config = target.read();
            if (SecretsKeys.active(config) == null) {
                throw new StartupFailure("secrets are not encrypted by " + target.file() + "; nothing to rotate");
            }
            try (SecretRewriter rewriter = SecretRewriter.connect(kubeconfig != null ? kubeconfig : target.dir().resolve("kubeconfig"))) {
                var canary = rewriter.createCanary();
                EncryptionConfig rotating = SecretsKeys.withNewKey(config, Instant.now());
                EncryptionConfigFile.write(target.file(), rotating);
                String newKey = SecretsKeys.active(rotating).keys().getFirst().name();
                System.out.println("added key " + newKey + " first in " + target.file());
                boolean used = rewriter.serverUsesNewKey(canary);
                rewriter.delete(canary);
                if (!used) {
                    EncryptionConfigFile.write(target.file(), config);
                    throw new StartupFailure("the server did not start using the new key, so " + target.file()
                            + " is restored: is it running with --encryption-provider-config " + target.file() + "?");
                }
                int rewritten = rewriter.rewriteAll();
                System.out.println("re-encrypted " + rewritten + " secrets with " + newKey);
                if (SecretsKeys.sharesKeysWithOtherResources(rotating)) {
                    System.out.println("kept the old keys: they also encrypt resources other than secrets, which were not rewritten");
                    return 0;
                }
                EncryptionConfigFile.write(target.file(), SecretsKeys.withoutOldKeys(rotating));
                System.out.println("removed the old keys; " + newKey + " is the only key");
            }
            return 0;
        }
    }
}
