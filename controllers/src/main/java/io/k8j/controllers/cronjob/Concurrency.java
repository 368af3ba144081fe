package io.k8j.controllers.cronjob;

/** spec.concurrencyPolicy: what a due activation does while earlier Jobs are still active. */
enum Concurrency {
    /** Start the new Job beside the running ones. */
    CREATE,
    /** Forbid: skip this activation. */
    SKIP,
    /** Replace: delete the running Jobs, then start the new one. */
    REPLACE;

    static Concurrency decide(String policy, int activeJobs) {
        if (activeJobs == 0) {
            return CREATE;
        }
        return switch (policy == null ? "Allow" : policy) {
            case "Forbid" -> SKIP;
            case "Replace" -> REPLACE;
            default -> CREATE;
        };
    }
}
