package io.k8j.apiserver.registry;

import java.util.List;

/** One page of a list with each item already encoded as JSON: the revision read and the next page's token (null when done). */
public record EncodedList(List<byte[]> items, long resourceVersion, String continueToken) {
}
