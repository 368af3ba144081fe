package io.k8j.client;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * API errors as components log them. A 409 Conflict (someone wrote first) or 404 NotFound (the object went
 * away) is an ordinary outcome of working from a cache: the key is retried, so it is logged at debug. Any
 * error is one line: fabric8's message repeats the whole Status object after kube's own message.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** True for outcomes a level-triggered retry resolves by itself: a conflict, or an object already gone. */
    public static boolean isExpected(Throwable e) {
        return e instanceof KubernetesClientException k && (k.getCode() == 409 || k.getCode() == 404);
    }

    /** "409 Conflict: Operation cannot be fulfilled on ..." for API errors, the exception itself otherwise. */
    public static String summary(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getCode() + " " + k.getStatus().getReason() + ": " + k.getStatus().getMessage();
        }
        return e.toString();
    }
}
