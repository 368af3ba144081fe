package io.k8j.api.patch;

import java.util.List;

/**
 * How one list field behaves, as its Go struct tags declare: {@code patchStrategy}/{@code patchMergeKey} for
 * strategic merge patch and {@code +listType}/{@code +listMapKey} for server-side apply. The two usually agree
 * but not always (container ports merge by containerPort alone in SMP, by containerPort+protocol in SSA).
 *
 * @param smpMerge   true when SMP merges the list (patchStrategy "merge"); otherwise a patch replaces it
 * @param mergeKey   SMP merge key for lists of objects; null for lists of primitives
 * @param kind       the SSA list type
 * @param mapKeys    SSA list-map keys when {@code kind} is MAP
 */
public record ListType(boolean smpMerge, String mergeKey, Kind kind, List<String> mapKeys) {

    public enum Kind { ATOMIC, SET, MAP }

    /** Lists without tags: replaced by patches, owned as a whole by SSA. */
    public static final ListType ATOMIC = new ListType(false, null, Kind.ATOMIC, List.of());

    /** patchStrategy=merge, patchMergeKey=key, listType=map keyed by {@code ssaKeys} (default: key). */
    static ListType merge(String key, String... ssaKeys) {
        return new ListType(true, key, Kind.MAP, ssaKeys.length == 0 ? List.of(key) : List.of(ssaKeys));
    }

    /** patchStrategy=merge on primitives, listType=set. */
    static ListType set() {
        return new ListType(true, null, Kind.SET, List.of());
    }

    /** patchStrategy=merge with a merge key, but listType=atomic (duplicates of the key are allowed). */
    static ListType mergeAtomic(String key) {
        return new ListType(true, key, Kind.ATOMIC, List.of());
    }

    /** listType=map without a patch strategy: SMP replaces it. */
    static ListType mapOnly(String... keys) {
        return new ListType(false, null, Kind.MAP, List.of(keys));
    }
}
