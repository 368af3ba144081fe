package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

class TableConverterTest {
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    private static final ResourceType WIDGETS = new ResourceType("example.com", "v1", "Widget", "widgets", "widget",
            true, List.of(), List.of(), Set.of(), Object.class);

    static Stream<ResourceType> servedResources() {
        return CATALOG.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedResources")
    void everyServedResourceHasOneCellPerColumn(ResourceType type) {
        ObjectNode bare = json("{metadata:{name:'x'}}");

        ObjectNode table = TableConverter.forResource(type).toTable(List.of(bare), null, "7", null, NOW);

        assertThat(table.at("/rows/0/cells").size()).isEqualTo(table.get("columnDefinitions").size());
        assertThat(table.get("columnDefinitions").findValuesAsText("name")).doesNotHaveDuplicates();
    }

    @Test
    void resourcesWithoutAKubePrinterGetNameAndAge() {
        ObjectNode widget = json("{metadata:{name:'w1',creationTimestamp:'" + ago("3m") + "'}}");

        ObjectNode table = TableConverter.forResource(WIDGETS).toTable(List.of(widget), null, "9", null, NOW);

        assertThat(table.get("columnDefinitions").toString()).isEqualTo(json("{x:["
                + "{name:'Name',type:'string',format:'name',description:'Name must be unique within a namespace.',priority:0},"
                + "{name:'Age',type:'string',format:'',description:'The time since the object was created.',priority:0}]}")
                .get("x").toString());
        assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"w1\",\"3m\"]");
    }

    @Test
    void tableEnvelopeCarriesListMetadata() {
        ObjectNode table = converter("replicasets").toTable(List.of(), null, "42", "token-1", NOW);

        assertThat(table.get("kind").asText()).isEqualTo("Table");
        assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"42\",\"continue\":\"token-1\"}");
        assertThat(table.get("rows").isEmpty()).isTrue();
        assertThat(converter("replicasets").toTable(List.of(), null, "42", null, NOW).get("metadata").has("continue"))
                .isFalse();
    }

    @Test
    void integerColumnsHoldJsonNumbers() {
        ObjectNode rs = json("{metadata:{name:'rs'},spec:{replicas:2},status:{replicas:2,readyReplicas:1}}");

        JsonNode cells = converter("replicasets").toTable(List.of(rs), null, "1", null, NOW).at("/rows/0/cells");

        assertThat(cells.get(1).isIntegralNumber()).isTrue();
        assertThat(cells.get(3).asLong()).isEqualTo(1);
    }

    @Test
    void rowObjectFollowsIncludeObject() {
        ObjectNode pod = json("{kind:'Pod',apiVersion:'v1',metadata:{name:'p',namespace:'default',labels:{a:'b'}},"
                + "spec:{containers:[{name:'c'}]}}");
        TableConverter pods = converter("pods");

        JsonNode metadata = pods.toTable(List.of(pod), null, "1", null, NOW).at("/rows/0/object");
        JsonNode object = pods.toTable(List.of(pod), "Object", "1", null, NOW).at("/rows/0/object");
        JsonNode none = pods.toTable(List.of(pod), "None", "1", null, NOW).at("/rows/0");

        assertThat(metadata).isEqualTo(json("{kind:'PartialObjectMetadata',apiVersion:'meta.k8s.io/v1',"
                + "metadata:{name:'p',namespace:'default',labels:{a:'b'}}}"));
        assertThat(object).isEqualTo(pod);
        assertThat(none.has("object")).isFalse();
    }

    @Test
    void wideColumnsHavePriorityOne() {
        JsonNode columns = converter("pods").toTable(List.of(), null, "1", null, NOW).get("columnDefinitions");

        assertThat(columns.findValuesAsText("name")).containsExactly("Name", "Ready", "Status", "Restarts", "Age",
                "IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(columns.findValues("priority").stream().map(JsonNode::asInt))
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
    }

    private static TableConverter converter(String plural) {
        return TableConverter.forResource(CATALOG.all().stream().filter(t -> t.plural().equals(plural))
                .findFirst().orElseThrow());
    }
}
