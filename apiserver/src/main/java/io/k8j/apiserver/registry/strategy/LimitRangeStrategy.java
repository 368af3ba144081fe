package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/**
 * v1 LimitRanges: kube's defaults for Container items (default limit from max, default request from the
 * default limit, else from min) and, minimally, valid quantities and known item types.
 */
final class LimitRangeStrategy implements ResourceStrategy {
    private static final List<String> TYPES = List.of("Container", "PersistentVolumeClaim", "Pod");
    private static final List<String> LISTS = List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio");

    @Override
    public void prepareForCreate(ObjectNode lr, StrategyContext ctx) {
        applyDefaults(lr);
    }

    @Override
    public void prepareForUpdate(ObjectNode lr, ObjectNode old, StrategyContext ctx) {
        applyDefaults(lr);
    }

    private static void applyDefaults(ObjectNode lr) {
        for (ObjectNode item : Tree.objects(lr.path("spec"), "limits")) {
            if (Tree.text(item, "type").equals("Container")) {
                ObjectNode defaults = Tree.obj(item, "default");
                ObjectNode requests = Tree.obj(item, "defaultRequest");
                copyMissing(Tree.objOrNull(item, "max"), defaults);
                copyMissing(defaults, requests);
                copyMissing(Tree.objOrNull(item, "min"), requests);
                // empty maps are omitted on the wire, as kube's omitempty does
                List.of("default", "defaultRequest").forEach(f -> {
                    if (item.get(f).isEmpty()) {
                        item.remove(f);
                    }
                });
            }
        }
    }

    private static void copyMissing(ObjectNode from, ObjectNode to) {
        if (from != null) {
            from.properties().forEach(e -> {
                if (!to.has(e.getKey())) {
                    to.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode lr) {
        List<FieldError> errs = new ArrayList<>();
        List<ObjectNode> items = Tree.objects(lr.path("spec"), "limits");
        for (int i = 0; i < items.size(); i++) {
            String path = "spec.limits[" + i + "]";
            Checks.supported(errs, items.get(i), "type", path + ".type", TYPES);
            for (String list : LISTS) {
                Quantities.validateList(errs, Tree.objOrNull(items.get(i), list), path + "." + list);
            }
        }
        return errs;
    }
}
