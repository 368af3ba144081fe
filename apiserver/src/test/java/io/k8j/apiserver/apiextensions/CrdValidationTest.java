package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class CrdValidationTest {
    private static ObjectNode crd() throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(("{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com','scope':'Namespaced',"
                + "'names':{'plural':'widgets','singular':'widget','kind':'Widget','listKind':'WidgetList'},"
                + "'versions':[{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object',"
                + "'properties':{'spec':{'type':'object','properties':{'size':{'type':'integer'}}}}}}}]}}").replace('\'', '"'));
    }

    private static ObjectNode version(ObjectNode crd) {
        return (ObjectNode) crd.with("spec").withArray("versions").get(0);
    }

    private static List<String> errors(Consumer<ObjectNode> change) throws IOException {
        ObjectNode crd = crd();
        change.accept(crd);
        return CrdValidation.validate(crd).stream().map(FieldError::describe).toList();
    }

    @Test
    void acceptsAWellFormedDefinition() throws IOException {
        assertThat(errors(c -> { })).isEmpty();
    }

    @Test
    void refusesWhatKubeRefusesWithItsMessages() throws IOException {
        Map<Consumer<ObjectNode>, String> cases = Map.of(
                c -> c.with("metadata").put("name", "gadgets.example.com"),
                "metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group",
                c -> {
                    c.with("metadata").put("name", "widgets.example");
                    c.with("spec").put("group", "example");
                }, "spec.group: Invalid value: \"example\": should be a domain with at least one dot",
                c -> c.with("spec").put("scope", "Global"),
                "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"",
                c -> c.with("spec").with("names").remove("kind"), "spec.names.kind: Required value",
                c -> version(c).put("storage", false),
                "spec.versions: Invalid value: ",
                c -> version(c).remove("schema"),
                "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required",
                c -> version(c).with("schema").with("openAPIV3Schema")
                        .with("properties").with("spec").remove("type"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields");
        cases.forEach((change, expected) -> {
            try {
                assertThat(errors(change)).as(expected).singleElement().asString().startsWith(expected);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(errors(c -> version(c).put("storage", false)))
                .singleElement().asString().endsWith(": must have exactly one version marked as storage version");
    }

    @Test
    void namesTakenInTheGroupConflict() throws IOException {
        ObjectNode spec = (ObjectNode) crd().get("spec");
        assertThat(CrdNames.conflict("widgets.example.com", spec, ResourceCatalog.builtIn().all())).isNull();
        spec.put("group", "apps").with("names").put("plural", "deployments").put("kind", "Deployment");
        assertThat(CrdNames.conflict("deployments.apps", spec, ResourceCatalog.builtIn().all()))
                .isEqualTo(new CrdNames.Conflict("PluralConflict", "\"deployments\" is already in use"));
        spec.with("names").put("plural", "gadgets").put("singular", "gadget");
        assertThat(CrdNames.conflict("gadgets.apps", spec, ResourceCatalog.builtIn().all()))
                .isEqualTo(new CrdNames.Conflict("KindConflict", "\"Deployment\" is already in use"));
    }
}
