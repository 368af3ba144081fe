package io.k8j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaValidationTest {
    private static final String SCHEMA = "{'type':'object','required':['spec'],'properties':{"
            + "'spec':{'type':'object','required':['size'],'properties':{"
            + "'size':{'type':'integer','minimum':1,'maximum':10},"
            + "'ratio':{'type':'number','minimum':0,'exclusiveMinimum':true},"
            + "'color':{'type':'string','enum':['red','blue']},"
            + "'name':{'type':'string','pattern':'^[a-z]+$','minLength':2,'maxLength':5},"
            + "'tags':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'string'}},"
            + "'note':{'type':'string','nullable':true},"
            + "'port':{'x-kubernetes-int-or-string':true},"
            + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
            + "'template':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true},"
            + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}}}";

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static List<String> errors(String spec) throws IOException {
        JsonNode obj = json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':" + spec + "}");
        return SchemaValidation.validate(obj, json(SCHEMA)).stream().map(FieldError::describe).toList();
    }

    @Test
    void reportsEachViolationWithKubesPathAndMessage() throws IOException {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{'size':'3'}", "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\""),
                Map.entry("{}", "spec.size: Required value"),
                Map.entry("{'size':0}", "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"),
                Map.entry("{'size':11}", "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10"),
                Map.entry("{'size':1,'ratio':0}", "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0"),
                Map.entry("{'size':1,'color':'pink'}", "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\""),
                Map.entry("{'size':1,'name':'AB'}", "spec.name: Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'"),
                Map.entry("{'size':1,'name':'a'}", "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long"),
                Map.entry("{'size':1,'name':'abcdef'}", "spec.name: Too long: may not be longer than 5"),
                Map.entry("{'size':1,'tags':[]}", "spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"),
                Map.entry("{'size':1,'tags':['a','b','c']}", "spec.tags: Too many: 3: must have at most 2 items"),
                Map.entry("{'size':1,'tags':['a',1]}", "spec.tags[1]: Invalid value: \"integer\": spec.tags[1] in body must be of type string: \"integer\""),
                Map.entry("{'size':1,'port':true}", "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\""),
                Map.entry("{'size':1,'labels':{'a':2}}", "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\""),
                Map.entry("{'size':null}", "spec.size: Invalid value: \"null\": spec.size in body must be of type integer: \"null\""),
                Map.entry("{'size':1,'template':{'kind':'Pod'}}", "spec.template.apiVersion: Required value: must not be empty"));
        cases.forEach((spec, expected) -> {
            try {
                assertThat(errors(spec)).as(spec).containsExactly(expected);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void acceptsWhatTheSchemaAllows() throws IOException {
        assertThat(errors("{'size':2,'ratio':0.5,'color':'red','name':'ab','tags':['x'],'note':null,'port':'http',"
                + "'labels':{'a':'b'},'template':{'apiVersion':'v1','kind':'Pod','spec':{}},'free':{'x':[1]}}")).isEmpty();
        assertThat(errors("{'size':2,'port':8080}")).isEmpty();
    }

    @Test
    void reportsAMissingRequiredTopLevelField() throws IOException {
        JsonNode obj = json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'}}");
        assertThat(SchemaValidation.validate(obj, json(SCHEMA))).extracting(FieldError::describe)
                .containsExactly("spec: Required value");
    }

    @Test
    void prunesUnknownFieldsButKeepsPreservedAndResourceFields() throws IOException {
        ObjectNode obj = (ObjectNode) json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                + "'extra':1,'spec':{'size':1,'bogus':{'a':1},'tags':['x'],'labels':{'k':'v'},"
                + "'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':1}},'free':{'y':2}}}");
        assertThat(SchemaPruning.prune(obj, json(SCHEMA))).containsExactly("extra", "spec.bogus");
        assertThat(obj).isEqualTo(json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                + "'spec':{'size':1,'tags':['x'],'labels':{'k':'v'},"
                + "'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':1}},'free':{'y':2}}}"));
    }

    @Test
    void prunesInsideArrayItems() throws IOException {
        JsonNode schema = json("{'type':'object','properties':{'spec':{'type':'object','properties':{'ports':{'type':'array',"
                + "'items':{'type':'object','properties':{'port':{'type':'integer'}}}}}}}}");
        ObjectNode obj = (ObjectNode) json("{'spec':{'ports':[{'port':1,'extra':2}]}}");
        assertThat(SchemaPruning.prune(obj, schema)).containsExactly("spec.ports[0].extra");
        assertThat(obj).isEqualTo(json("{'spec':{'ports':[{'port':1}]}}"));
    }

    @Test
    void appliesDefaultsToMissingAndNonNullableNullFieldsAndBelowThem() throws IOException {
        JsonNode schema = json("{'type':'object','properties':{'spec':{'type':'object','default':{},'properties':{"
                + "'replicas':{'type':'integer','default':1},"
                + "'mode':{'type':'string','default':'fast'},"
                + "'note':{'type':'string','nullable':true,'default':'n'},"
                + "'ports':{'type':'array','items':{'type':'object','properties':{'protocol':{'type':'string','default':'TCP'}}}}}}}}");
        ObjectNode missing = (ObjectNode) json("{'kind':'W'}");
        SchemaDefaults.apply(missing, schema);
        assertThat(missing).isEqualTo(json("{'kind':'W','spec':{'replicas':1,'mode':'fast','note':'n'}}"));

        ObjectNode partial = (ObjectNode) json("{'spec':{'replicas':3,'mode':null,'note':null,'ports':[{},{'protocol':'UDP'}]}}");
        SchemaDefaults.apply(partial, schema);
        assertThat(partial).isEqualTo(json(
                "{'spec':{'replicas':3,'mode':'fast','note':null,'ports':[{'protocol':'TCP'},{'protocol':'UDP'}]}}"));
    }
}
