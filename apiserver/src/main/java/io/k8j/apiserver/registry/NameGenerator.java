package io.k8j.apiserver.registry;

import java.util.concurrent.ThreadLocalRandom;

/** generateName suffixes (and kube-api-access volume names): five characters from the alphabet kube uses (no vowels, no look-alikes). */
public final class NameGenerator {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_PREFIX = 63 - 5;

    private NameGenerator() {
    }

    public static String generate(String prefix) {
        String base = prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
        StringBuilder b = new StringBuilder(base);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
