package io.k8j.storage.transform;

import io.k8j.storage.Storage;
import io.k8j.storage.StorageConformanceTest;
import io.k8j.storage.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/** A transforming store keeps every promise of the SPI: transforming values changes nothing a caller sees. */
class TransformingConformanceTest extends StorageConformanceTest {
    private static final byte[] PREFIX = "x:".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** Prefixes every value and flips its bits. */
    private static final class Flipping implements ValueTransformer {
        @Override
        public byte[] toStorage(String key, byte[] value) {
            byte[] out = Arrays.copyOf(PREFIX, PREFIX.length + value.length);
            for (int i = 0; i < value.length; i++) {
                out[PREFIX.length + i] = (byte) ~value[i];
            }
            return out;
        }

        @Override
        public Read fromStorage(String key, byte[] stored) {
            byte[] out = new byte[stored.length - PREFIX.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ~stored[PREFIX.length + i];
            }
            return new Read(out, "x:");
        }

        @Override
        public String writePrefix(String key) {
            return "x:";
        }
    }

    @Override
    protected Storage newStorage() {
        return new TransformingStorage(new SqliteStorage(dir.resolve("k8j.db")), new Flipping());
    }
}
