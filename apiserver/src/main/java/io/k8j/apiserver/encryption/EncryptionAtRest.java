package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.ValueTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * The encryption configuration file in force ({@code --encryption-provider-config}). The file is looked at before
 * every transform (one stat) and read again when it changed, as kube's automatic reload does, but with no delay: a
 * key added by {@code k8j secrets-encrypt rotate-keys} is used from the next write on. A changed file that is
 * invalid is logged and the previous configuration kept.
 */
public final class EncryptionAtRest implements ValueTransformer {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionAtRest.class);

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(List<Object> version, ResourceEncryption encryption) {
    }

    private EncryptionAtRest(Path file, Loaded loaded) {
        this.file = file;
        this.loaded = loaded;
    }

    /** Throws {@link InvalidEncryptionConfigException} when the file cannot be used. */
    public static EncryptionAtRest load(Path file) {
        return new EncryptionAtRest(file, read(file, version(file)));
    }

    @Override
    public byte[] toStorage(String key, byte[] value) {
        return current().toStorage(key, value);
    }

    @Override
    public Read fromStorage(String key, byte[] stored) {
        return current().fromStorage(key, stored);
    }

    @Override
    public String writePrefix(String key) {
        return current().writePrefix(key);
    }

    private ResourceEncryption current() {
        Loaded now = loaded;
        List<Object> version = version(file);
        if (version != null && !version.equals(now.version())) {
            synchronized (this) {
                if (!Objects.equals(loaded.version(), version)) {
                    try {
                        loaded = read(file, version);
                        LOG.info("Reloaded encryption configuration {}", file);
                    } catch (InvalidEncryptionConfigException e) {
                        LOG.error("Keeping the previous encryption configuration: {}", e.getMessage());
                        loaded = new Loaded(version, loaded.encryption());
                    }
                }
                now = loaded;
            }
        }
        return now.encryption();
    }

    private static Loaded read(Path file, List<Object> version) {
        try {
            return new Loaded(version, ResourceEncryption.of(EncryptionConfigFile.read(file)));
        } catch (IllegalArgumentException e) {
            throw new InvalidEncryptionConfigException(file + ": " + e.getMessage());
        }
    }

    /** What changes when the file is replaced or rewritten: its inode, size and modification time; null if unreadable. */
    private static List<Object> version(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }
}
