package io.k8j.apiserver.registry;

import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;

/**
 * The query parameters of list and watch requests.
 *
 * @param resourceVersion "" for a consistent (latest) read, "0" for any, or a revision
 * @param resourceVersionMatch "", "NotOlderThan" or "Exact"
 */
public record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueToken,
                          String resourceVersion, String resourceVersionMatch, boolean allowBookmarks,
                          boolean sendInitialEvents, long timeoutSeconds) {

    public static ListOptions all() {
        return new ListOptions(LabelSelector.everything(), FieldSelector.everything(), 0, null, "", "",
                false, false, 0);
    }

    public static ListOptions selecting(LabelSelector labels, FieldSelector fields) {
        return new ListOptions(labels, fields, 0, null, "", "", false, false, 0);
    }
}
