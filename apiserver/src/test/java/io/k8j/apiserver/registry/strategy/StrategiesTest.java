package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry, and the kinds whose rules are minimal. */
class StrategiesTest {
    private final ResourceCatalog catalog = ResourceCatalog.builtIn();
    private final ServiceAllocator allocator = new ServiceAllocator();
    private final Fixtures.Context ctx = Fixtures.Context.empty();

    private ResourceStrategy strategy(String group, String version, String plural) {
        return Strategies.forResource(catalog.find(group, version, plural).orElseThrow(), allocator);
    }

    @Test
    void everyStoredResourceHasItsOwnStrategyButServiceAccounts() {
        for (ResourceType type : catalog.all().stream().filter(t -> !t.createOnly()).toList()) {
            ResourceStrategy s = Strategies.forResource(type, allocator);
            boolean plain = s.getClass().isAnonymousClass();
            assertThat(plain).as(type.qualifiedName()).isEqualTo(type.plural().equals("serviceaccounts"));
        }
    }

    @Test
    void selectableFieldNamesDoNotDependOnTheObject() {
        // the store learns which field selectors a resource supports from an empty object
        for (ResourceType type : catalog.all().stream().filter(t -> !t.createOnly()).toList()) {
            ResourceStrategy s = Strategies.forResource(type, allocator);
            ObjectNode sample = yaml("{metadata: {name: x}, spec: {}, status: {}}");
            assertThat(s.selectableFields(Json.object()).keySet()).as(type.qualifiedName())
                    .isEqualTo(s.selectableFields(sample).keySet());
        }
    }

    @Test
    void generationIsTrackedForWorkloadsAndCustomResourceDefinitions() {
        List<String> tracked = catalog.all().stream().filter(t -> Strategies.forResource(t, allocator).tracksGeneration())
                .map(ResourceType::qualifiedName).toList();
        assertThat(tracked).containsExactlyInAnyOrder("deployments.apps", "replicasets.apps", "statefulsets.apps",
                "daemonsets.apps", "jobs.batch", "cronjobs.batch", "customresourcedefinitions.apiextensions.k8s.io");
    }

    @Test
    void controllerRevisionDataIsMandatoryAndImmutable() {
        ResourceStrategy s = strategy("apps", "v1", "controllerrevisions");
        assertThat(fields(s.validate(yaml("{metadata: {name: r}, revision: -1}")))).containsExactly("data: FieldValueRequired", "revision: FieldValueInvalid");
        ObjectNode old = yaml("{metadata: {name: r}, revision: 1, data: {spec: {a: 1}}}");
        assertThat(fields(s.validateUpdate(yaml("{metadata: {name: r}, revision: 2, data: {spec: {a: 1}}}"), old))).isEmpty();
        assertThat(fields(s.validateUpdate(yaml("{metadata: {name: r}, revision: 1, data: {spec: {a: 2}}}"), old)))
                .containsExactly("data: FieldValueInvalid");
    }

    @Test
    void nodeUnschedulableIsSelectable() {
        ObjectNode node = yaml("{metadata: {name: n1}, spec: {unschedulable: true}, status: {capacity: {cpu: '4'}}}");
        ResourceStrategy s = strategy("", "v1", "nodes");
        s.prepareForCreate(node, ctx);
        assertThat(s.selectableFields(node)).containsEntry("spec.unschedulable", "true");
        assertThat(node.at("/status/allocatable")).isEqualTo(yaml("{cpu: '4'}"));
    }

    @Test
    void claimIsPendingAndOnlyGrowsWhenBound() {
        ResourceStrategy s = strategy("", "v1", "persistentvolumeclaims");
        ObjectNode old = yaml("{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}");
        s.prepareForCreate(old, ctx);
        assertThat(old.at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(old.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
        assertThat(s.validate(old)).isEmpty();

        ObjectNode bound = old.deepCopy();
        ((ObjectNode) bound.get("spec")).put("volumeName", "pv-1");
        assertThat(s.validateUpdate(bound, old)).isEmpty();
        ((ObjectNode) bound.get("status")).put("phase", "Bound");

        ObjectNode grown = bound.deepCopy();
        ((ObjectNode) grown.at("/spec/resources/requests")).put("storage", "2Gi");
        assertThat(s.validateUpdate(grown, bound)).isEmpty();
        assertThat(fields(s.validateUpdate(bound, grown))).containsExactly("spec.resources.requests.storage: FieldValueForbidden");
        ObjectNode remoded = bound.deepCopy();
        ((ObjectNode) remoded.get("spec")).putArray("accessModes").add("ReadWriteMany");
        assertThat(fields(s.validateUpdate(remoded, bound))).containsExactly("spec: FieldValueForbidden");
    }

    @Test
    void eventsSelectByInvolvedObject() {
        ResourceStrategy s = strategy("", "v1", "events");
        ObjectNode event = yaml("""
                metadata: {name: web.1, namespace: default}
                involvedObject: {kind: Pod, name: web, namespace: default}
                reason: Scheduled
                source: {component: default-scheduler}
                type: Normal
                """);
        assertThat(s.validate(event)).isEmpty();
        assertThat(s.selectableFields(event)).containsEntry("involvedObject.kind", "Pod")
                .containsEntry("involvedObject.name", "web").containsEntry("source", "default-scheduler")
                .containsEntry("reason", "Scheduled").containsEntry("type", "Normal");
        ((ObjectNode) event.get("involvedObject")).put("namespace", "other");
        assertThat(fields(s.validate(event))).containsExactly("involvedObject.namespace: FieldValueInvalid");
    }

    @Test
    void newStyleEventsNeedTheirReportingFields() {
        ResourceStrategy s = strategy("events.k8s.io", "v1", "events");
        ObjectNode event = yaml("{metadata: {name: e, namespace: default}, type: Normal}");
        assertThat(fields(s.validate(event))).containsExactly("eventTime: FieldValueRequired",
                "reportingController: FieldValueRequired", "reportingInstance: FieldValueRequired",
                "action: FieldValueRequired", "reason: FieldValueRequired");
    }

    @Test
    void endpointSliceAddressTypeIsRequiredAndFixed() {
        ResourceStrategy s = strategy("discovery.k8s.io", "v1", "endpointslices");
        ObjectNode slice = yaml("{metadata: {name: web-abc}, endpoints: [{addresses: [10.42.0.5]}], ports: [{port: 80}]}");
        s.prepareForCreate(slice, ctx);
        assertThat(slice.at("/ports/0")).isEqualTo(yaml("{port: 80, name: '', protocol: TCP}"));
        assertThat(fields(s.validate(slice))).containsExactly("addressType: FieldValueRequired");
        slice.put("addressType", "IPv4");
        ObjectNode changed = slice.deepCopy().put("addressType", "FQDN");
        assertThat(fields(s.validateUpdate(changed, slice))).containsExactly("addressType: FieldValueInvalid");
    }

    @Test
    void leaseDurationMustBePositive() {
        ObjectNode lease = yaml("{metadata: {name: l}, spec: {holderIdentity: a, leaseDurationSeconds: 0}}");
        assertThat(fields(strategy("coordination.k8s.io", "v1", "leases").validate(lease)))
                .containsExactly("spec.leaseDurationSeconds: FieldValueInvalid");
    }

    @Test
    void limitRangeDefaultsContainerItems() {
        ResourceStrategy s = strategy("", "v1", "limitranges");
        ObjectNode lr = yaml("{metadata: {name: l}, spec: {limits: [{type: Container, max: {cpu: '2'}, min: {memory: 64Mi}}]}}");
        s.prepareForCreate(lr, ctx);
        assertThat(lr.at("/spec/limits/0/default")).isEqualTo(yaml("{cpu: '2'}"));
        assertThat(lr.at("/spec/limits/0/defaultRequest")).isEqualTo(yaml("{cpu: '2', memory: 64Mi}"));
        assertThat(s.validate(lr)).isEmpty();
    }

    @Test
    void persistentVolumeDefaultsAndSource() {
        ResourceStrategy s = strategy("", "v1", "persistentvolumes");
        ObjectNode pv = yaml("{metadata: {name: pv1}, spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}}");
        s.prepareForCreate(pv, ctx);
        assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
        assertThat(pv.at("/spec/hostPath/type").asText()).isEmpty();
        assertThat(pv.at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(s.validate(pv)).isEmpty();
        ((ObjectNode) pv.get("spec")).remove("hostPath");
        assertThat(fields(s.validate(pv))).containsExactly("spec: FieldValueRequired");
        ((ObjectNode) pv.get("spec")).set("nfs", yaml("{server: nfs, path: /a}"));
        ((ObjectNode) pv.get("spec")).set("local", yaml("{path: /b}"));
        assertThat(fields(s.validate(pv))).containsExactly("spec.local: FieldValueForbidden");
    }
}
