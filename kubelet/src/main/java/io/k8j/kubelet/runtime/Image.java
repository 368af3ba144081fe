package io.k8j.kubelet.runtime;

import java.util.List;

/**
 * CRI Image: its id, the names it is known by (tags and digests), its size, and the user the image runs as by
 * default: {@code uid} when numeric, else {@code username} (both null: root, as the kubelet takes it).
 */
public record Image(String id, List<String> repoTags, List<String> repoDigests, long size, Long uid, String username) {
}
