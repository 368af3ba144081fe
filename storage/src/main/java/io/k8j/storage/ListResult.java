package io.k8j.storage;

import java.util.List;

/** A page of a listing, read at {@code revision}; {@code more} is true when keys remain after the last item. */
public record ListResult(List<KeyValue> items, long revision, boolean more) {
}
