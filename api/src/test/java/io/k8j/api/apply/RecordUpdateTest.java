package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8j.api.patch.Patches;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.k8j.api.apply.ManagedFieldsEntries.entry;
import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;

class RecordUpdateTest {
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");
    private static final String DEPLOY = "{'apiVersion':'apps/v1','kind':'Deployment',"
            + "'metadata':{'name':'demo','namespace':'default','uid':'u1','labels':{'app':'demo'}},"
            + "'spec':{'replicas':1,'selector':{'matchLabels':{'app':'demo'}},"
            + "'template':{'metadata':{'labels':{'app':'demo'}},'spec':{'containers':[{'name':'app','image':'nginx:1.25'}]}}}}";

    private static ObjectNode created() {
        return ManagedFields.recordUpdate(null, obj(DEPLOY), "kubectl-create", "apps/v1", "Update", T1);
    }

    @Test
    void createGivesEverythingToTheCreator() {
        ObjectNode obj = created();
        assertThat(obj.at("/metadata/managedFields")).isEqualTo(json("[{'manager':'kubectl-create','operation':'Update',"
                + "'apiVersion':'apps/v1','time':'2026-01-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
                + "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},"
                + "'f:template':{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':"
                + "{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{},'f:name':{}}}}}}}}]"));
    }

    @Test
    void anotherWriterTakesTheFieldsItChanges() {
        ObjectNode old = created();
        ObjectNode changed = Patches.strategicMergePatch(old, json(
                "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'nginx:1.26'}]}}}}"), Deployment.class);
        ObjectNode obj = ManagedFields.recordUpdate(old, changed, "kubectl-set", "apps/v1", "Update", T2);
        assertThat(entry(obj, "kubectl-set").get("fieldsV1")).isEqualTo(json(
                "{'f:spec':{'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'f:image':{}}}}}}}"));
        assertThat(entry(obj, "kubectl-create").at("/fieldsV1/f:spec/f:template/f:spec/f:containers"))
                .isEqualTo(json("{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:name':{}}}"));
        assertThat(entry(obj, "kubectl-create").get("time").asText()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void aWriteThatChangesNothingLeavesEntriesAlone() {
        ObjectNode old = created();
        ObjectNode obj = ManagedFields.recordUpdate(old, old.deepCopy(), "kubectl-replace", "apps/v1", "Update", T2);
        assertThat(obj.at("/metadata/managedFields")).isEqualTo(old.at("/metadata/managedFields"));
    }

    @Test
    void removedFieldsLeaveEveryManagerAndEmptyEntriesGo() {
        ObjectNode old = ManagedFields.recordUpdate(null, obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'}}"),
                "a", "v1", "Update", T1);
        ObjectNode labelled = Patches.mergePatch(old, json("{'metadata':{'labels':{'x':'1'}}}"));
        ObjectNode withLabel = ManagedFields.recordUpdate(old, labelled, "kubectl-label", "v1", "Update", T1);
        assertThat(entry(withLabel, "kubectl-label")).isNotNull();
        ObjectNode unlabelled = Patches.mergePatch(withLabel, json("{'metadata':{'labels':{'x':null}}}"));
        ObjectNode obj = ManagedFields.recordUpdate(withLabel, unlabelled, "other", "v1", "Update", T2);
        assertThat(entry(obj, "kubectl-label")).isNull();
        assertThat(entry(obj, "other")).isNull();
    }

    @Test
    void managedFieldsWrittenByTheClientAreKept() {
        ObjectNode old = created();
        String given = "[{'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1','time':'2026-01-01T10:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}]";
        ObjectNode migrated = Patches.jsonPatch(old, json("[{'op':'replace','path':'/metadata/managedFields','value':" + given + "}]"));
        ObjectNode obj = ManagedFields.recordUpdate(old, migrated, "kubectl", "apps/v1", "Update", T2);
        assertThat(obj.at("/metadata/managedFields")).isEqualTo(json(given));
    }

    @Test
    void aSingleEmptyEntryClearsManagedFieldsButAnEmptyListDoesNot() {
        ObjectNode old = created();
        ObjectNode cleared = ManagedFields.recordUpdate(old,
                Patches.jsonPatch(old, json("[{'op':'replace','path':'/metadata/managedFields','value':[{}]}]")), "x", "apps/v1", "Update", T2);
        assertThat(cleared.at("/metadata/managedFields").isMissingNode()).isTrue();
        ObjectNode kept = ManagedFields.recordUpdate(old,
                Patches.jsonPatch(old, json("[{'op':'replace','path':'/metadata/managedFields','value':[]}]")), "x", "apps/v1", "Update", T2);
        assertThat(kept.at("/metadata/managedFields")).isEqualTo(old.at("/metadata/managedFields"));
        ObjectNode untracked = ManagedFields.recordUpdate(cleared,
                Patches.mergePatch(cleared, json("{'spec':{'replicas':5}}")), "x", "apps/v1", "Update", T2);
        assertThat(untracked.at("/metadata/managedFields").isMissingNode()).as("kube leaves such objects untracked").isTrue();
    }

    @Test
    void statusWritesAreRecordedPerSubresource() {
        ObjectNode old = created();
        ObjectNode withStatus = Patches.mergePatch(old, json("{'spec':{'replicas':9},'status':{'replicas':1}}"));
        ObjectNode obj = ManagedFields.recordUpdate(old, withStatus, "kube-controller-manager", "apps/v1", "Update", T2, "status");
        JsonNode e = entry(obj, "kube-controller-manager");
        assertThat(e.get("subresource").asText()).isEqualTo("status");
        assertThat(e.get("fieldsV1")).isEqualTo(json("{'f:status':{'f:replicas':{}}}"));
    }

    @Test
    void mainResourceWritesDoNotOwnStatus() {
        ObjectNode old = created();
        ObjectNode obj = ManagedFields.recordUpdate(old, Patches.mergePatch(old, json("{'status':{'replicas':1}}")),
                "x", "apps/v1", "Update", T2, FieldScope.of(null, null), null);
        assertThat(entry(obj, "x").get("fieldsV1")).isEqualTo(json("{'f:status':{'.':{},'f:replicas':{}}}"));
        ObjectNode scoped = ManagedFields.recordUpdate(old, Patches.mergePatch(old, json("{'status':{'replicas':1}}")),
                "x", "apps/v1", "Update", T2);
        assertThat(entry(scoped, "x")).isNull();
    }

    @Test
    void moreThanTenUpdateManagersFoldIntoAncientChanges() {
        ObjectNode obj = created();
        for (int i = 0; i < 11; i++) {
            ObjectNode next = Patches.mergePatch(obj, json("{'metadata':{'labels':{'l" + i + "':'v'}}}"));
            obj = ManagedFields.recordUpdate(obj, next, "m" + i, "apps/v1", "Update", T2.plusSeconds(i));
        }
        assertThat(obj.at("/metadata/managedFields")).hasSize(UpdateManagerCap.MAX_UPDATE_MANAGERS);
        JsonNode ancient = entry(obj, UpdateManagerCap.ANCIENT_CHANGES);
        assertThat(ancient.at("/fieldsV1/f:metadata/f:labels/f:l0").isObject()).isTrue();
        assertThat(ancient.at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
        assertThat(entry(obj, "kubectl-create")).isNull();
        assertThat(entry(obj, "m0")).isNull();
    }
}
