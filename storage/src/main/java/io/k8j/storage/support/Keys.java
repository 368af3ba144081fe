package io.k8j.storage.support;

import java.util.Comparator;

/**
 * Key ordering shared by every backend. Keys sort by Unicode code point, which is the byte order of
 * their UTF-8 encoding: the order etcd and SQLite's BINARY collation use, so a page boundary
 * ({@code startAfter}) means the same thing in memory and in each backend. {@link String#compareTo}
 * differs from it for characters above U+FFFF.
 */
public final class Keys {
    public static final Comparator<String> ORDER = Keys::compare;

    private Keys() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, or {@code null} when there is
     * none (empty prefix, or one made only of U+10FFFF).
     */
    public static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                // Skip the surrogate range: those code points are not valid characters on their own.
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + Character.toString(next);
            }
            end = start;
        }
        return null;
    }

    public static boolean inRange(String key, String prefix, String startAfter) {
        return key.startsWith(prefix) && (startAfter == null || compare(key, startAfter) > 0);
    }
}
