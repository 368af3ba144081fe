package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counting finished pods exactly once with the {@code batch.kubernetes.io/job-tracking} finalizer, as kube
 * >= 1.26 does: a finished pod still holding the finalizer goes into status.uncountedTerminatedPods (written
 * first), then loses the finalizer, and once it is seen without it (or gone) its uid moves into the
 * succeeded or failed counter. Every step is re-derivable from status and pods, so a crash or a stale
 * cache at any point neither loses nor double-counts a pod (status writes are pinned to the resourceVersion
 * read).
 */
record FinishedPodTracking(int succeeded, int failed, Set<String> uncountedSucceeded, Set<String> uncountedFailed,
                           TreeSet<Integer> completedIndexes, List<Pod> release) {

    /** {@code completions} bounds the indexes of an Indexed Job; null for NonIndexed. */
    static FinishedPodTracking of(JobStatus status, List<Pod> pods, Integer indexedCompletions) {
        JobStatus s = status == null ? new JobStatus() : status;
        UncountedTerminatedPods old = s.getUncountedTerminatedPods();
        Set<String> uS = new LinkedHashSet<>(old == null || old.getSucceeded() == null ? List.of() : old.getSucceeded());
        Set<String> uF = new LinkedHashSet<>(old == null || old.getFailed() == null ? List.of() : old.getFailed());
        Set<String> holding = new LinkedHashSet<>();
        pods.stream().filter(JobPods::hasTrackingFinalizer).forEach(p -> holding.add(p.getMetadata().getUid()));

        int succeeded = zeroIfNull(s.getSucceeded()) + moveReleased(uS, holding);
        int failed = zeroIfNull(s.getFailed()) + moveReleased(uF, holding);
        TreeSet<Integer> completed = indexedCompletions == null ? new TreeSet<>()
                : CompletedIndexes.parse(s.getCompletedIndexes(), indexedCompletions);

        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (!JobPods.hasTrackingFinalizer(pod) || !PodStates.finished(pod) || uS.contains(uid) || uF.contains(uid)) {
                continue;
            }
            if (PodStates.succeeded(pod)) {
                uS.add(uid);
                Integer index = JobPods.indexOf(pod);
                if (indexedCompletions != null && index != null && index < indexedCompletions) {
                    completed.add(index);
                }
            } else {
                uF.add(uid);
            }
        }
        if (indexedCompletions != null) {
            succeeded = completed.size();
        }
        List<Pod> release = pods.stream().filter(JobPods::hasTrackingFinalizer)
                .filter(p -> uS.contains(p.getMetadata().getUid()) || uF.contains(p.getMetadata().getUid())).toList();
        return new FinishedPodTracking(succeeded, failed, uS, uF, completed, release);
    }

    /** Succeeded pods so far, counted or not (for an Indexed Job: distinct completed indexes). */
    int succeededTotal(boolean indexed) {
        return indexed ? completedIndexes.size() : succeeded + uncountedSucceeded.size();
    }

    int failedTotal() {
        return failed + uncountedFailed.size();
    }

    /** Nothing left between pods and counters. */
    boolean settled() {
        return uncountedSucceeded.isEmpty() && uncountedFailed.isEmpty();
    }

    /** Removes from {@code uncounted} the uids no pod holds the finalizer for any more; returns how many. */
    private static int moveReleased(Set<String> uncounted, Set<String> holding) {
        int before = uncounted.size();
        uncounted.removeIf(uid -> !holding.contains(uid));
        return before - uncounted.size();
    }

    private static int zeroIfNull(Integer i) {
        return i == null ? 0 : i;
    }
}
