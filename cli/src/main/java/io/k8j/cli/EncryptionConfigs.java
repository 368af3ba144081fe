package io.k8j.cli;

import io.k8j.apiserver.encryption.EncryptionAtRest;
import io.k8j.apiserver.encryption.InvalidEncryptionConfigException;
import io.k8j.storage.Storage;
import io.k8j.storage.transform.TransformingStorage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server's encryption configuration is: {@code --encryption-provider-config}, else the file that
 * {@code k8j secrets-encrypt enable} writes in the data dir, used whenever it exists (a server started without it
 * could read no secret encrypted before).
 */
final class EncryptionConfigs {
    private EncryptionConfigs() {
    }

    static Path inDataDir(Path dataDir) {
        return dataDir.resolve("cred").resolve("encryption-config.yaml");
    }

    /** The file in force, or null when values are stored unencrypted. */
    static Path resolve(Path flag, Path dataDir) {
        if (flag != null) {
            return flag;
        }
        Path generated = inDataDir(dataDir);
        return Files.exists(generated) ? generated : null;
    }

    /** Reads the configuration (null: none), refusing one it cannot use with one line before anything starts. */
    static EncryptionAtRest load(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return EncryptionAtRest.load(file);
        } catch (InvalidEncryptionConfigException e) {
            throw new StartupFailure("--encryption-provider-config " + e.getMessage());
        }
    }

    /** {@code storage} with values of the configured resources encrypted, or as is without a configuration. */
    static Storage wrap(Storage storage, EncryptionAtRest encryption) {
        return encryption == null ? storage : new TransformingStorage(storage, encryption);
    }
}
