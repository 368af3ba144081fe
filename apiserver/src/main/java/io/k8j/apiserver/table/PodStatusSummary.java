package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Set;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.present;
import static io.k8j.apiserver.table.Fields.text;

/**
 * The READY, STATUS and RESTARTS of a pod, computed as kube's pod printer does: the phase (or status reason)
 * overridden by the first unfinished init container ("Init:0/2", "Init:CrashLoopBackOff"), then by the
 * regular containers' waiting/terminated reasons, then "Terminating" while a deletion is pending.
 * Restartable init containers (sidecars) count as containers.
 */
record PodStatusSummary(int ready, int total, String reason, long restarts, Instant lastRestart) {

    static PodStatusSummary of(ObjectNode pod) {
        return new Builder(pod).build();
    }

    private static final class Builder {
        private final ObjectNode pod;
        private final String phase;
        private final Set<String> sidecars;
        private int ready;
        private String reason;
        private long restarts;
        private long sidecarRestarts;
        private Instant lastRestart;
        private Instant lastSidecarRestart;

        Builder(ObjectNode pod) {
            this.pod = pod;
            this.phase = text(pod, "status", "phase");
            this.sidecars = PodPrinter.sidecarNames(pod);
            String statusReason = text(pod, "status", "reason");
            this.reason = statusReason.isEmpty() ? phase : statusReason;
            JsonNode scheduled = PodPrinter.condition(pod, "PodScheduled");
            if (scheduled != null && scheduled.path("reason").asText("").equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }

        PodStatusSummary build() {
            boolean initializing = initContainers();
            JsonNode initialized = PodPrinter.condition(pod, "Initialized");
            if (!initializing || (initialized != null && initialized.path("status").asText("").equals("True"))) {
                containers();
            }
            boolean deleting = present(at(pod, "metadata", "deletionTimestamp"));
            if (deleting && text(pod, "status", "reason").equals("NodeLost")) {
                reason = "Unknown";
            } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
                reason = "Terminating";
            }
            int total = at(pod, "spec", "containers").size() + sidecars.size();
            return new PodStatusSummary(ready, total, reason, restarts, lastRestart);
        }

        /** Walks init containers in order; the first one not done decides the reason. True while initializing. */
        private boolean initContainers() {
            JsonNode statuses = at(pod, "status", "initContainerStatuses");
            int declared = at(pod, "spec", "initContainers").size();
            for (int i = 0; i < statuses.size(); i++) {
                JsonNode c = statuses.get(i);
                boolean sidecar = sidecars.contains(c.path("name").asText(""));
                long count = c.path("restartCount").asLong(0);
                Instant finished = lastFinished(c);
                restarts += count;
                lastRestart = later(lastRestart, finished);
                if (sidecar) {
                    sidecarRestarts += count;
                    lastSidecarRestart = later(lastSidecarRestart, finished);
                }
                JsonNode terminated = at(c, "state", "terminated");
                JsonNode waiting = at(c, "state", "waiting");
                if (present(terminated) && terminated.path("exitCode").asLong(0) == 0) {
                    continue;
                }
                if (sidecar && PodPrinter.isTrue(c.path("started"))) {
                    ready += PodPrinter.isTrue(c.path("ready")) ? 1 : 0;
                    continue;
                }
                if (present(terminated)) {
                    reason = "Init:" + terminatedReason(terminated);
                } else if (present(waiting) && !text(waiting, "reason").isEmpty()
                        && !text(waiting, "reason").equals("PodInitializing")) {
                    reason = "Init:" + text(waiting, "reason");
                } else {
                    reason = "Init:" + i + "/" + declared;
                }
                return true;
            }
            return false;
        }

        /** Regular containers, last to first, so the first container's state wins. */
        private void containers() {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            JsonNode statuses = at(pod, "status", "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode c = statuses.get(i);
                restarts += c.path("restartCount").asLong(0);
                lastRestart = later(lastRestart, lastFinished(c));
                JsonNode waiting = at(c, "state", "waiting");
                JsonNode terminated = at(c, "state", "terminated");
                if (present(waiting) && !text(waiting, "reason").isEmpty()) {
                    reason = text(waiting, "reason");
                } else if (present(terminated)) {
                    reason = terminatedReason(terminated);
                } else if (PodPrinter.isTrue(c.path("ready")) && present(at(c, "state", "running"))) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A pod whose first container completed while another still runs is not "Completed".
            if (reason.equals("Completed") && hasRunning) {
                JsonNode podReady = PodPrinter.condition(pod, "Ready");
                reason = podReady != null && podReady.path("status").asText("").equals("True") ? "Running" : "NotReady";
            }
        }

        private static String terminatedReason(JsonNode terminated) {
            String r = text(terminated, "reason");
            if (!r.isEmpty()) {
                return r;
            }
            long signal = terminated.path("signal").asLong(0);
            return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asLong(0);
        }

        private static Instant lastFinished(JsonNode containerStatus) {
            JsonNode terminated = at(containerStatus, "lastState", "terminated");
            return present(terminated) ? Fields.time(terminated.path("finishedAt")) : null;
        }

        private static Instant later(Instant a, Instant b) {
            return a == null || (b != null && b.isAfter(a)) ? b : a;
        }
    }
}
