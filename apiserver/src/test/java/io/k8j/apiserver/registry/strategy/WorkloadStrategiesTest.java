package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** ReplicaSets, StatefulSets and DaemonSets: their own defaults and rules on top of the shared ones. */
class WorkloadStrategiesTest {

    private static ObjectNode workload(String kind, String extraSpec) {
        ObjectNode obj = yaml("""
                kind: %s
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: nginx, image: nginx:1.27}]}
                """.formatted(kind));
        ((ObjectNode) obj.get("spec")).setAll(yaml("{" + extraSpec + "}"));
        return obj;
    }

    private static ObjectNode created(WorkloadStrategy strategy, ObjectNode obj) {
        strategy.prepareForCreate(obj, Fixtures.Context.empty());
        return obj;
    }

    @Test
    void replicaSetDefaultsAndEmptySelectorWording() {
        ReplicaSetStrategy strategy = new ReplicaSetStrategy();
        ObjectNode rs = created(strategy, workload("ReplicaSet", ""));
        assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(strategy.validate(rs)).isEmpty();
        assertThat(strategy.selectableFields(rs)).containsEntry("status.replicas", "0");
        ((ObjectNode) rs.get("spec")).set("selector", yaml("{}"));
        assertThat(strategy.validate(rs)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("empty selector is invalid for deployment"));
    }

    @Test
    void aPodTemplateHasNoEphemeralContainers() {
        ReplicaSetStrategy strategy = new ReplicaSetStrategy();
        ObjectNode rs = workload("ReplicaSet", "");
        ((ObjectNode) rs.at("/spec/template/spec")).set("ephemeralContainers", yaml("l: [{name: dbg, image: busybox}]").get("l"));

        assertThat(strategy.validate(created(strategy, rs))).singleElement().satisfies(e -> assertThat(e.describe())
                .isEqualTo("spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"));
    }

    @Test
    void statefulSetDefaultsMatchKube() {
        ObjectNode sts = created(new StatefulSetStrategy(), workload("StatefulSet",
                "serviceName: web, volumeClaimTemplates: [{metadata: {name: www}, spec: {accessModes: [ReadWriteOnce], "
                        + "resources: {requests: {storage: 1Gi}}}}]"));
        ObjectNode spec = (ObjectNode) sts.get("spec");
        assertThat(spec.get("podManagementPolicy").asText()).isEqualTo("OrderedReady");
        assertThat(spec.get("updateStrategy")).isEqualTo(yaml("{type: RollingUpdate, rollingUpdate: {partition: 0}}"));
        assertThat(spec.get("persistentVolumeClaimRetentionPolicy")).isEqualTo(yaml("{whenDeleted: Retain, whenScaled: Retain}"));
        assertThat(spec.get("replicas").asInt()).isEqualTo(1);
        assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(spec.at("/volumeClaimTemplates/0/spec/volumeMode").asText()).isEqualTo("Filesystem");
        assertThat(spec.at("/volumeClaimTemplates/0/status/phase").asText()).isEqualTo("Pending");
    }

    @Test
    void statefulSetSpecIsFixedButForItsMutableFields() {
        StatefulSetStrategy strategy = new StatefulSetStrategy();
        ObjectNode old = created(strategy, workload("StatefulSet", "serviceName: web"));
        ObjectNode scaled = old.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 3);
        assertThat(strategy.validateUpdate(scaled, old)).isEmpty();

        ObjectNode renamed = old.deepCopy();
        ((ObjectNode) renamed.get("spec")).put("serviceName", "other");
        assertThat(strategy.validateUpdate(renamed, old)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec");
            assertThat(e.detail()).startsWith("updates to statefulset spec for fields other than 'replicas', 'ordinals',");
        });
    }

    /** The tutorial StatefulSet: the container mounts its claim template, which the template's volumes do not list. */
    @Test
    void statefulSetContainersMayMountTheirClaimTemplates() {
        StatefulSetStrategy strategy = new StatefulSetStrategy();
        ObjectNode sts = created(strategy, workload("StatefulSet",
                "serviceName: web, volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], "
                        + "resources: {requests: {storage: 1Gi}}}}]"));
        ObjectNode container = (ObjectNode) sts.at("/spec/template/spec/containers/0");
        container.set("volumeMounts", yaml("l: [{name: data, mountPath: /data}]").get("l"));
        assertThat(strategy.validate(sts)).isEmpty();

        container.set("volumeMounts", yaml("l: [{name: data, mountPath: /data}, {name: cache, mountPath: /cache}]").get("l"));
        assertThat(strategy.validate(sts)).singleElement().satisfies(e -> assertThat(e.describe())
                .isEqualTo("spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"cache\""));
        assertThat(new ReplicaSetStrategy().validate(workloadMounting("ReplicaSet", "data"))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("spec.template.spec.containers[0].volumeMounts[0].name"));
    }

    private static ObjectNode workloadMounting(String kind, String volume) {
        ObjectNode obj = created(new ReplicaSetStrategy(), workload(kind, ""));
        ((ObjectNode) obj.at("/spec/template/spec/containers/0"))
                .set("volumeMounts", yaml("l: [{name: " + volume + ", mountPath: /v}]").get("l"));
        return obj;
    }

    @Test
    void statefulSetNamesAreDnsLabels() {
        StatefulSetStrategy strategy = new StatefulSetStrategy();
        ObjectNode sts = created(strategy, workload("StatefulSet", ""));
        ((ObjectNode) sts.get("metadata")).put("name", "web.v1");
        assertThat(fields(strategy.validate(sts))).containsExactly("metadata.name: FieldValueInvalid");
    }

    @Test
    void daemonSetDefaultsAndRules() {
        DaemonSetStrategy strategy = new DaemonSetStrategy();
        ObjectNode ds = created(strategy, workload("DaemonSet", ""));
        assertThat(ds.at("/spec/updateStrategy")).isEqualTo(yaml("{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}"));
        assertThat(ds.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(strategy.validate(ds)).isEmpty();
        ((ObjectNode) ds.at("/spec/updateStrategy/rollingUpdate")).put("maxUnavailable", 0);
        assertThat(fields(strategy.validate(ds))).containsExactly("spec.updateStrategy.rollingUpdate.maxUnavailable: FieldValueInvalid");
    }
}
