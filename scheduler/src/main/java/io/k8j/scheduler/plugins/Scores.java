package io.k8j.scheduler.plugins;

import io.k8j.scheduler.framework.ScorePlugin;

/** kube's helper.DefaultNormalizeScore: scale to [0, MAX_SCORE] by the maximum, optionally reversed. */
final class Scores {
    private Scores() {
    }

    static void normalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            long s = max == 0 ? 0 : ScorePlugin.MAX_SCORE * scores[i] / max;
            scores[i] = reverse ? ScorePlugin.MAX_SCORE - s : s;
        }
    }
}
