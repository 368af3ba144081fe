package io.k8j.controllers.replicaset;

import java.util.function.IntPredicate;

/**
 * Creates in batches of 1, 2, 4, ... and stops at the first batch with a failure (kube's
 * slowStartBatch): when creation fails for every pod (quota, admission, a bad template) only one
 * request is wasted instead of hundreds.
 */
public final class SlowStart {
    private SlowStart() {
    }

    /**
     * Calls {@code createOne} up to {@code count} times, batch by batch; returns how many succeeded.
     * {@code createOne} returns false when a creation failed.
     */
    public static int run(int count, IntPredicate createOne) {
        int done = 0;
        int succeeded = 0;
        for (int batch = Math.min(count, 1); batch > 0; batch = Math.min(2 * batch, count - done)) {
            int ok = 0;
            for (int i = 0; i < batch; i++) {
                if (createOne.test(done + i)) {
                    ok++;
                }
            }
            done += batch;
            succeeded += ok;
            if (ok < batch) {
                break;
            }
        }
        return succeeded;
    }
}
