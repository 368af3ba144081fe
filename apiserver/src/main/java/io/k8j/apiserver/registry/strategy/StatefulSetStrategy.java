package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** apps/v1 StatefulSets (SetDefaults_StatefulSet, ValidateStatefulSet and its update rules). */
final class StatefulSetStrategy extends WorkloadStrategy {
    private static final List<String> POD_MANAGEMENT = List.of("OrderedReady", "Parallel");
    private static final List<String> STRATEGIES = List.of("OnDelete", "RollingUpdate");
    private static final List<String> RETENTION = List.of("Delete", "Retain");
    /** What an update may touch; everything else in the spec is fixed at creation. */
    private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    StatefulSetStrategy() {
        super("statefulset");
    }

    @Override
    void defaultSpec(ObjectNode spec) {
        Tree.defaultText(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Tree.obj(spec, "updateStrategy");
        if (Tree.text(strategy, "type").isEmpty()) {
            strategy.put("type", "RollingUpdate");
            Tree.obj(strategy, "rollingUpdate");
        }
        ObjectNode rolling = Tree.objOrNull(strategy, "rollingUpdate");
        if (Tree.text(strategy, "type").equals("RollingUpdate") && rolling != null) {
            Tree.defaultNumber(rolling, "partition", 0);
        }
        ObjectNode retention = Tree.obj(spec, "persistentVolumeClaimRetentionPolicy");
        Tree.defaultText(retention, "whenDeleted", "Retain");
        Tree.defaultText(retention, "whenScaled", "Retain");
        Tree.defaultNumber(spec, "replicas", 1);
        Tree.defaultNumber(spec, "revisionHistoryLimit", 10);
        for (ObjectNode claim : Tree.objects(spec, "volumeClaimTemplates")) {
            Tree.defaultText(Tree.obj(claim, "spec"), "volumeMode", "Filesystem");
            Tree.defaultText(Tree.obj(claim, "status"), "phase", "Pending");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode sts) {
        List<FieldError> errs = new ArrayList<>(Names.metadataName(sts, Names::dns1123Label));
        errs.addAll(super.validate(sts));
        return errs;
    }

    @Override
    void validateSpec(List<FieldError> errs, JsonNode spec) {
        Checks.supported(errs, spec, "podManagementPolicy", "spec.podManagementPolicy", POD_MANAGEMENT);
        JsonNode strategy = spec.path("updateStrategy");
        Checks.supported(errs, strategy, "type", "spec.updateStrategy.type", STRATEGIES);
        ObjectNode rolling = Tree.objOrNull(strategy, "rollingUpdate");
        if (rolling != null && Tree.text(strategy, "type").equals("OnDelete")) {
            errs.add(FieldError.invalid("spec.updateStrategy.rollingUpdate", rolling, "only allowed for updateStrategy 'RollingUpdate'"));
        }
        Checks.nonNegative(errs, rolling, "partition", "spec.updateStrategy.rollingUpdate.partition");
        JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
        Checks.supported(errs, retention, "whenDeleted", "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", RETENTION);
        Checks.supported(errs, retention, "whenScaled", "spec.persistentVolumeClaimRetentionPolicy.whenScaled", RETENTION);
        Checks.nonNegative(errs, spec.path("ordinals"), "start", "spec.ordinals.start");
    }

    /** Each claim template becomes a volume of that name in every pod, replacing a template volume of the name. */
    @Override
    Set<String> podVolumes(JsonNode spec) {
        Set<String> claims = new HashSet<>();
        Tree.objects(spec, "volumeClaimTemplates").forEach(c -> claims.add(Tree.text(c.path("metadata"), "name")));
        return claims;
    }

    @Override
    void validateSpecUpdate(List<FieldError> errs, JsonNode spec, JsonNode oldSpec) {
        if (!(spec instanceof ObjectNode newSpec) || !(oldSpec instanceof ObjectNode storedSpec)) {
            return;
        }
        ObjectNode a = newSpec.deepCopy();
        ObjectNode b = storedSpec.deepCopy();
        a.remove(MUTABLE);
        b.remove(MUTABLE);
        if (!Tree.same(a, b)) {
            errs.add(FieldError.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', "
                    + "'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                    + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }
}
