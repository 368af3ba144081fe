package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the enabled plugins at each extension point, in profile order. The first rejecting filter
 * decides a node's status (later filters are not asked), as in kube-scheduler.
 */
public final class Framework {
    /** The filters to run this cycle: those whose PreFilter did not SKIP, resolved once rather than per node. */
    private static final CycleState.Key<List<FilterPlugin>> ACTIVE_FILTERS = new CycleState.Key<>("framework/active-filters");

    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<ScorePlugin> scores = new ArrayList<>();
    private final List<Integer> weights = new ArrayList<>();
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<BindPlugin> binders = new ArrayList<>();

    Framework(Map<Plugin, Integer> plugins) {
        plugins.forEach((p, weight) -> {
            if (p instanceof PreFilterPlugin x) preFilters.add(x);
            if (p instanceof FilterPlugin x) filters.add(x);
            if (p instanceof PostFilterPlugin x) postFilters.add(x);
            if (p instanceof PreScorePlugin x) preScores.add(x);
            if (p instanceof ScorePlugin x) {
                scores.add(x);
                weights.add(weight);
            }
            if (p instanceof ReservePlugin x) reserves.add(x);
            if (p instanceof BindPlugin x) binders.add(x);
        });
    }

    public Status runPreFilters(CycleState state, Pod pod, List<NodeInfo> nodes) {
        Set<String> skipped = new HashSet<>();
        for (PreFilterPlugin p : preFilters) {
            Status s = p.preFilter(state, pod, nodes);
            if (s.code() == Code.SKIP) {
                skipped.add(p.name());
            } else if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        state.write(ACTIVE_FILTERS, skipped.isEmpty() ? filters
                : filters.stream().filter(f -> !skipped.contains(f.name())).toList());
        return Status.SUCCESS;
    }

    public Status runFilters(CycleState state, Pod pod, NodeInfo node) {
        List<FilterPlugin> active = state.read(ACTIVE_FILTERS);
        for (FilterPlugin p : active == null ? filters : active) {
            Status s = p.filter(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    /** The first PostFilter outcome that is not a plain rejection, else the last rejection. */
    public Status runPostFilters(CycleState state, Pod pod, Map<String, Status> filtered) {
        Status last = Status.unschedulable();
        for (PostFilterPlugin p : postFilters) {
            last = p.postFilter(state, pod, filtered).withPlugin(p.name());
            if (!last.isRejected()) {
                return last;
            }
        }
        return last;
    }

    /** Weighted score totals per feasible node. */
    public long[] runScores(CycleState state, Pod pod, List<NodeInfo> feasible, List<NodeInfo> all) {
        long[] totals = new long[feasible.size()];
        List<String> skipped = new ArrayList<>();
        for (PreScorePlugin p : preScores) {
            Status s = p.preScore(state, pod, feasible, all);
            if (s.code() == Code.SKIP) {
                skipped.add(p.name());
            }
        }
        for (int i = 0; i < scores.size(); i++) {
            ScorePlugin p = scores.get(i);
            if (skipped.contains(p.name())) {
                continue;
            }
            long[] raw = new long[feasible.size()];
            for (int n = 0; n < raw.length; n++) {
                raw[n] = p.score(state, pod, feasible.get(n));
            }
            p.normalizeScores(state, pod, raw);
            for (int n = 0; n < raw.length; n++) {
                totals[n] += raw[n] * weights.get(i);
            }
        }
        return totals;
    }

    public Status runReserve(CycleState state, Pod pod, String node) {
        for (int i = 0; i < reserves.size(); i++) {
            Status s = reserves.get(i).reserve(state, pod, node);
            if (!s.isSuccess()) {
                for (int j = i; j >= 0; j--) {
                    reserves.get(j).unreserve(state, pod, node);
                }
                return s.withPlugin(reserves.get(i).name());
            }
        }
        return Status.SUCCESS;
    }

    public void runUnreserve(CycleState state, Pod pod, String node) {
        for (int i = reserves.size() - 1; i >= 0; i--) {
            reserves.get(i).unreserve(state, pod, node);
        }
    }

    /** The first binder that does not SKIP the pod decides. */
    public Status runBind(Pod pod, String node) {
        for (BindPlugin b : binders) {
            Status s = b.bind(pod, node);
            if (s.code() != Code.SKIP) {
                return s.withPlugin(b.name());
            }
        }
        return Status.error("no bind plugin bound the pod");
    }
}
