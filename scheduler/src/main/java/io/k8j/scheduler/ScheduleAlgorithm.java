package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.Framework;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * One pod's placement decision over a snapshot: filter (in parallel, stopping once enough feasible
 * nodes are found, as kube's percentageOfNodesToScore), score, pick the best, ties broken at random.
 */
final class ScheduleAlgorithm {
    /** Below this many nodes every node is examined. */
    static final int MIN_FEASIBLE_NODES = 100;
    private static final int PARALLEL_THRESHOLD = 256;

    private final Framework framework;
    private final RandomGenerator random;
    private int nextStartIndex;

    ScheduleAlgorithm(Framework framework, RandomGenerator random) {
        this.framework = framework;
        this.random = random;
    }

    /** Either a node name or the diagnosis of why none fits. */
    record Result(String node, Diagnosis diagnosis) {
    }

    Result schedule(CycleState state, Pod pod, List<NodeInfo> nodes) {
        if (nodes.isEmpty()) {
            return new Result(null, new Diagnosis(0, Map.of(), "no nodes available to schedule pods", ""));
        }
        Status pre = framework.runPreFilters(state, pod, nodes);
        if (!pre.isSuccess()) {
            Map<String, Status> all = new HashMap<>();
            nodes.forEach(n -> all.put(n.name(), pre));
            return new Result(null, new Diagnosis(nodes.size(), all, pre.message(), ""));
        }
        Map<String, Status> rejected = new ConcurrentHashMap<>();
        List<NodeInfo> feasible = filter(state, pod, nodes, rejected);
        if (feasible.isEmpty()) {
            Status post = framework.runPostFilters(state, pod, rejected);
            String postMessage = post.reasons().isEmpty() ? "" : post.message();
            return new Result(null, new Diagnosis(nodes.size(), rejected, "", postMessage));
        }
        if (feasible.size() == 1) {
            return new Result(feasible.get(0).name(), null);
        }
        long[] scores = framework.runScores(state, pod, feasible, nodes);
        return new Result(feasible.get(selectHost(scores)).name(), null);
    }

    private List<NodeInfo> filter(CycleState state, Pod pod, List<NodeInfo> nodes, Map<String, Status> rejected) {
        int n = nodes.size();
        int wanted = feasibleNodesToFind(n);
        NodeInfo[] found = new NodeInfo[n];
        AtomicInteger count = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        int start = nextStartIndex;
        IntStream range = IntStream.range(0, n);
        (n >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(i -> {
            if (count.get() >= wanted) {
                return;
            }
            NodeInfo node = nodes.get((start + i) % n);
            processed.incrementAndGet();
            Status s = framework.runFilters(state, pod, node);
            if (s.isSuccess()) {
                if (count.incrementAndGet() <= wanted) {
                    found[i] = node;
                }
            } else {
                rejected.put(node.name(), s);
            }
        });
        nextStartIndex = (start + processed.get()) % n;
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, n));
        for (NodeInfo f : found) {
            if (f != null) {
                feasible.add(f);
            }
        }
        return feasible;
    }

    /** kube's adaptive percentage: 50% minus 1% per 125 nodes, at least 5%, at least 100 nodes. */
    static int feasibleNodesToFind(int all) {
        if (all < MIN_FEASIBLE_NODES) {
            return all;
        }
        int percentage = Math.max(5, 50 - all / 125);
        return Math.max(MIN_FEASIBLE_NODES, all * percentage / 100);
    }

    /** The highest score; among equals each is equally likely (reservoir sampling). */
    int selectHost(long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best] && random.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }
}
