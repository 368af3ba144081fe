package io.k8j.e2e.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh namespaces for tests, created over plain HTTP so a kubectl bug cannot break a test's setup. */
public final class Namespaces {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Namespaces() {
    }

    /** Creates {@code prefix-N} and returns its name; fails the test if the server refuses. */
    public static String create(ApiClient api, String prefix) {
        String name = prefix + "-" + COUNTER.incrementAndGet();
        ApiClient.Response r = api.post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        if (r.code() != 201) {
            throw new AssertionError("cannot create namespace " + name + ": " + r);
        }
        return name;
    }

    /** A short, DNS-label-safe tag for a kubectl binary, e.g. {@code 127}, {@code 133}, {@code path}. */
    public static String tag(String kubectlBinary) {
        String file = kubectlBinary.substring(kubectlBinary.lastIndexOf('/') + 1);
        return file.startsWith("kubectl.1.") ? "1" + file.substring("kubectl.1.".length()) : "path";
    }
}
