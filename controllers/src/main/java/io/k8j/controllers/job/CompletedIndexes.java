package io.k8j.controllers.job;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** status.completedIndexes of an Indexed Job: ordered intervals such as "1,3-5,7". */
final class CompletedIndexes {
    private CompletedIndexes() {
    }

    /** Parses the intervals; malformed parts and indexes at or above {@code completions} are dropped, as kube does. */
    static TreeSet<Integer> parse(String text, int completions) {
        TreeSet<Integer> out = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] bounds = part.trim().split("-");
            try {
                int from = Integer.parseInt(bounds[0]);
                int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
                for (int i = from; i <= to && i < completions; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                // kube skips what it cannot parse
            }
        }
        return out;
    }

    static String format(TreeSet<Integer> indexes) {
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (start != null) {
                parts.add(interval(start, prev));
            }
            start = i;
            prev = i;
        }
        if (start != null) {
            parts.add(interval(start, prev));
        }
        return String.join(",", parts);
    }

    private static String interval(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
