package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** One page of a list: items, the revision read, and the token for the next page (null when done). */
public record ObjectList(List<ObjectNode> items, long resourceVersion, String continueToken, Long remainingItemCount) {
}
