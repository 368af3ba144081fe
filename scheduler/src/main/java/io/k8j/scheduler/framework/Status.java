package io.k8j.scheduler.framework;

import java.util.List;

/**
 * The expected outcome of a plugin call: a code plus human reasons (which become the per-node counts of
 * a FailedScheduling message). Expected failures are values, not exceptions.
 */
public record Status(Code code, List<String> reasons, String plugin) {
    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");
    public static final Status SKIP = new Status(Code.SKIP, List.of(), "");

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), "");
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), "");
    }

    public static Status error(String reason) {
        return new Status(Code.ERROR, List.of(reason), "");
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    /** The same status attributed to the plugin that returned it, for queueing and diagnosis. */
    public Status withPlugin(String name) {
        return plugin.equals(name) ? this : new Status(code, reasons, name);
    }

    public String message() {
        return String.join(", ", reasons);
    }
}
