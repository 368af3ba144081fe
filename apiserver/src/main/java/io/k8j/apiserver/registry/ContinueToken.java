package io.k8j.apiserver.registry;

import io.k8j.api.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} token: the revision of the first page and the last key returned. */
record ContinueToken(long revision, String startAfter) {

    String encode() {
        String raw = revision + "\n" + startAfter;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int nl = raw.indexOf('\n');
            return new ContinueToken(Long.parseLong(raw.substring(0, nl)), raw.substring(nl + 1));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid continue token");
        }
    }
}
