package io.k8j.apiserver.registry;

import io.k8j.api.ApiException;

/**
 * resourceVersion query values, read as kube's APIObjectVersioner.ParseResourceVersion reads them: "" and "0"
 * mean any version, anything else must be an unsigned decimal (Go's strconv.ParseUint).
 *
 * <p>kube-apiserver reports a bad value with its storage layer's message but, as that error is not a Status,
 * as a 500 (kubernetes#139485); it is the client's mistake, so it is a 400 BadRequest here, with that message.
 */
public final class ResourceVersions {
    private ResourceVersions() {
    }

    /** The revision {@code rv} names; 0 for "" or "0". */
    public static long parse(String rv) {
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        String why = null;
        for (int i = 0; i < rv.length() && why == null; i++) {
            if (rv.charAt(i) < '0' || rv.charAt(i) > '9') {
                why = "invalid syntax";
            }
        }
        if (why == null) {
            try {
                long v = Long.parseUnsignedLong(rv);
                // revisions are int64 in etcd; larger values name nothing that can exist
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // over 2^64 - 1
            }
            why = "value out of range";
        }
        throw ApiException.badRequest("resourceVersion: Invalid value: \"" + rv + "\": strconv.ParseUint: parsing \""
                + rv + "\": " + why);
    }
}
