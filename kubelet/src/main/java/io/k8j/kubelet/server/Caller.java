package io.k8j.kubelet.server;

import java.util.List;
import java.util.Map;

/** Who calls the node server, as the API server's TokenReview or the client certificate says. */
record Caller(String user, String uid, List<String> groups, Map<String, List<String>> extra) {
}
