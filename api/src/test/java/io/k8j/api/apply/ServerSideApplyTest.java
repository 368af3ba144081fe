package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8j.api.ApiException;
import io.k8j.api.patch.Patches;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.k8j.api.apply.ManagedFieldsEntries.entry;
import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ServerSideApplyTest {
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");

    private static String deploy(String spec) {
        return "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'demo','namespace':'default'},'spec':" + spec + "}";
    }

    private static final String TEMPLATE = "'selector':{'matchLabels':{'app':'demo'}},'template':{'metadata':{'labels':{'app':'demo'}},"
            + "'spec':{'containers':[{'name':'app','image':'nginx:1.25'}]}}";

    private static ApplyResult apply(ObjectNode live, String config, String manager, boolean force, Instant now) {
        return ServerSideApply.apply(live, obj(config), manager, force, Deployment.class, "apps/v1", now);
    }

    @Test
    void createsConfigMapLikeKubectlApplyServerSide() {
        ApplyResult r = ServerSideApply.apply(null,
                obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','namespace':'default'},'data':{'a':'1'}}"),
                "kubectl", false, ConfigMap.class, "v1", T1);
        assertThat(r.changed()).isTrue();
        assertThat(r.object()).isEqualTo(json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','namespace':'default',"
                + "'managedFields':[{'manager':'kubectl','operation':'Apply','apiVersion':'v1','time':'2026-01-01T10:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{}}}}]},'data':{'a':'1'}}"));
    }

    @Test
    void reapplyingTheSameConfigChangesNothing() {
        String config = deploy("{'replicas':2," + TEMPLATE + "}");
        ObjectNode live = apply(null, config, "kubectl", false, T1).object();
        ApplyResult again = apply(live, config, "kubectl", false, T2);
        assertThat(again.changed()).isFalse();
        assertThat(again.object()).isEqualTo(live);
    }

    @Test
    void fieldsTheApplierDropsAreRemoved() {
        ObjectNode live = apply(null, deploy("{'replicas':2,'paused':true," + TEMPLATE + "}"), "kubectl", false, T1).object();
        ApplyResult r = apply(live, deploy("{'replicas':2," + TEMPLATE + "}"), "kubectl", false, T2);
        assertThat(r.object().at("/spec/paused").isMissingNode()).isTrue();
        assertThat(entry(r.object(), "kubectl").at("/fieldsV1/f:spec/f:paused").isMissingNode()).isTrue();
        assertThat(entry(r.object(), "kubectl").get("time").asText()).isEqualTo("2026-01-01T11:00:00Z");
    }

    @Test
    void droppedFieldsAnotherManagerOwnsStay() {
        ObjectNode live = apply(null, deploy("{'replicas':2," + TEMPLATE + "}"), "a", false, T1).object();
        live = apply(live, deploy("{'replicas':2}"), "b", false, T1).object();
        assertThat(entry(live, "b").at("/fieldsV1/f:spec/f:replicas").isObject()).as("same value: shared, no conflict").isTrue();
        ApplyResult r = apply(live, deploy("{" + TEMPLATE + "}"), "a", false, T2);
        assertThat(r.object().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(entry(r.object(), "a").at("/fieldsV1/f:spec/f:replicas").isMissingNode()).isTrue();
    }

    @Test
    void changingAFieldAnUpdaterOwnsConflicts() {
        ObjectNode created = ManagedFields.recordUpdate(null, obj(deploy("{'replicas':1," + TEMPLATE + "}")),
                "kubectl-client-side-apply", "apps/v1", "Update", T1);
        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> apply(created, deploy("{'replicas':3}"), "kubectl", false, T2));
        assertThat(e.getMessage()).isEqualTo(
                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
        assertThat(e.causes()).isEqualTo(json("[{'reason':'FieldManagerConflict',"
                + "'message':'conflict with \\'kubectl-client-side-apply\\' using apps/v1','field':'.spec.replicas'}]"));
        ApiException status = e.toApiException();
        assertThat(status.code()).isEqualTo(409);
        assertThat(status.status().at("/details/causes/0/field").asText()).isEqualTo(".spec.replicas");
    }

    @Test
    void forceTransfersOwnership() {
        ObjectNode created = ManagedFields.recordUpdate(null, obj(deploy("{'replicas':1," + TEMPLATE + "}")),
                "kubectl-client-side-apply", "apps/v1", "Update", T1);
        ApplyResult r = apply(created, deploy("{'replicas':3}"), "kubectl", true, T2);
        assertThat(r.object().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(entry(r.object(), "kubectl").at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
        JsonNode csa = entry(r.object(), "kubectl-client-side-apply");
        assertThat(csa.at("/fieldsV1/f:spec/f:replicas").isMissingNode()).isTrue();
        assertThat(csa.at("/fieldsV1/f:spec/f:template").isObject()).isTrue();
    }

    @Test
    void severalConflictsAreListedPerManager() {
        ObjectNode created = ManagedFields.recordUpdate(null, obj(deploy("{'replicas':1,'paused':false," + TEMPLATE + "}")),
                "kube-controller-manager", "apps/v1", "Update", T1);
        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> apply(created, deploy("{'replicas':3,'paused':true}"), "kubectl", false, T2));
        assertThat(e.getMessage()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"kube-controller-manager\" using apps/v1:\n"
                + "- .spec.paused\n- .spec.replicas");
    }

    @Test
    void twoAppliersShareAContainer() {
        ObjectNode live = apply(null, deploy("{" + TEMPLATE + "}"), "a", false, T1).object();
        live = apply(live, deploy("{'template':{'spec':{'containers':[{'name':'app','env':[{'name':'X','value':'1'}]}]}}}"),
                "b", false, T1).object();
        assertThat(live.at("/spec/template/spec/containers/0")).isEqualTo(
                json("{'name':'app','image':'nginx:1.25','env':[{'name':'X','value':'1'}]}"));
        ApplyResult r = apply(live, deploy("{'selector':{'matchLabels':{'app':'demo'}}}"), "a", false, T2);
        assertThat(r.object().at("/spec/template/spec/containers")).as("b still owns the container's env")
                .isEqualTo(json("[{'name':'app','env':[{'name':'X','value':'1'}]}]"));
        assertThat(r.object().at("/spec/template/metadata").isMissingNode()).as("labels only a owned are gone").isTrue();
    }

    @Test
    void containersOtherManagersAddedSurviveAnApply() {
        ObjectNode live = apply(null, deploy("{" + TEMPLATE + "}"), "a", false, T1).object();
        ObjectNode patched = Patches.strategicMergePatch(live,
                json("{'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'envoy'}]}}}}"), Deployment.class);
        live = ManagedFields.recordUpdate(live, patched, "injector", "apps/v1", "Update", T1);
        ApplyResult r = apply(live, deploy("{'selector':{'matchLabels':{'app':'demo'}},'template':{'metadata':{'labels':{'app':'demo'}},"
                + "'spec':{'containers':[{'name':'app','image':'nginx:1.26'}]}}}"), "a", false, T2);
        assertThat(r.object().at("/spec/template/spec/containers")).isEqualTo(
                json("[{'name':'sidecar','image':'envoy'},{'name':'app','image':'nginx:1.26'}]"));
    }

    @Test
    void firstApplyToAnUntrackedObjectConflictsWithWhatWasThere() {
        ObjectNode untracked = obj(deploy("{'replicas':1," + TEMPLATE + "}"));
        untracked.with("metadata").put("uid", "u1");
        ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
                () -> apply(untracked, deploy("{'replicas':3}"), "kubectl", false, T2));
        assertThat(e.conflicts()).containsExactly(
                new ApplyConflictException.Conflict("\"before-first-apply\" using apps/v1", ".spec.replicas"));
    }

    @Test
    void appliedConfigurationsMayNotCarryManagedFields() {
        assertThatThrownBy(() -> apply(null, "{'metadata':{'name':'x','managedFields':[]}}", "kubectl", false, T1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void nullsClearFieldsAndAreOwned() {
        ObjectNode live = apply(null, deploy("{'replicas':2,'paused':true}"), "a", false, T1).object();
        ApplyResult r = apply(live, deploy("{'replicas':2,'paused':null}"), "a", false, T2);
        assertThat(r.object().at("/spec/paused").isMissingNode()).isTrue();
        assertThat(entry(r.object(), "a").at("/fieldsV1/f:spec/f:paused").isObject()).isTrue();
    }

    @Test
    void duplicateItemsTheApplierDoesNotTouchSurvive() {
        ObjectNode live = ManagedFields.recordUpdate(null, obj(deploy("{'template':{'spec':{'containers':[{'name':'app',"
                + "'env':[{'name':'A','value':'1'},{'name':'A','value':'2'},{'name':'B','value':'3'}]}]}}}")),
                "kubectl-create", "apps/v1", "Update", T1);
        ApplyResult r = apply(live, deploy("{'template':{'spec':{'containers':[{'name':'app','env':[{'name':'B','value':'4'}]}]}}}"),
                "kubectl", true, T2);
        assertThat(r.object().at("/spec/template/spec/containers/0/env")).isEqualTo(
                json("[{'name':'A','value':'1'},{'name':'A','value':'2'},{'name':'B','value':'4'}]"));
    }
}
