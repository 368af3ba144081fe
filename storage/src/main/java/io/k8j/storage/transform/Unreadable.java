package io.k8j.storage.transform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stands in for a value that could not be transformed back, so that one such value neither stops the watch cache
 * from loading nor ends a watch: the cache holds this marker, and whoever decodes a value asks {@link #reason} first,
 * answering with that error (kube's 500 "unable to transform key") for this one object only.
 */
public final class Unreadable {
    private static final byte[] MAGIC = "\0k8j:unreadable\0".getBytes(StandardCharsets.UTF_8);

    private Unreadable() {
    }

    static byte[] marker(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + text.length);
        System.arraycopy(text, 0, out, MAGIC.length, text.length);
        return out;
    }

    /** Why {@code value} could not be read, or null when it is an ordinary value. */
    public static String reason(byte[] value) {
        if (value == null || value.length < MAGIC.length || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        return new String(value, MAGIC.length, value.length - MAGIC.length, StandardCharsets.UTF_8);
    }
}
