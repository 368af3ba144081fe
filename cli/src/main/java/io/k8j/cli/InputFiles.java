package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Files named by flags, read at start: one that is missing or unreadable is a one-line start-up failure. */
final class InputFiles {
    private InputFiles() {
    }

    static String read(Path file, String flag) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new StartupFailure("cannot read " + flag + " " + IoErrors.describe(file, e));
        }
    }

    /** The PEM of the certificate authority a kubeconfig names (inline or as a file), or null when it names none. */
    static String caPem(Config config) {
        if (config.getCaCertData() != null) {
            return new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8);
        }
        if (config.getCaCertFile() != null) {
            return read(Path.of(config.getCaCertFile()), "the kubeconfig's certificate-authority");
        }
        return null;
    }

    /** The kubeconfig given with --kubeconfig, parsed (its current context). */
    static Config kubeconfig(Path file) {
        String text = read(file, "--kubeconfig");
        try {
            return Config.fromKubeconfig(text);
        } catch (RuntimeException e) {
            // Not the parser's message: it quotes the file, which may hold anything (and spans lines).
            throw new StartupFailure("--kubeconfig " + file + " is not a kubeconfig (YAML of kind Config)");
        }
    }
}
