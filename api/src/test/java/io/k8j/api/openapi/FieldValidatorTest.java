package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8j.api.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class FieldValidatorTest {
    private final FieldValidator validator = new FieldValidator();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static final String POD = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'any-key':'v'},"
            + "'annotations':{'x/y':'z'}},'spec':{'nodeSelector':{'disk':'ssd'},'containers':[{'name':'a','image':'i',"
            + "'resources':{'limits':{'cpu':'100m','example.com/gpu':1}}},{'name':'b','imagee':'typo',"
            + "'ports':[{'containerPort':80,'bogus':true}]}]},'extra':{'deep':1}}";

    @Test
    void reportsUnknownFieldsInListItemsWithKubePaths() throws IOException {
        assertThat(validator.unknownFields(json(POD), Pod.class)).containsExactly(
                "spec.containers[1].imagee", "spec.containers[1].ports[0].bogus", "extra");
    }

    @Test
    void mapsTakeAnyKey() throws IOException {
        ObjectNode cm = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'any':'x','k.y':'z'},"
                + "'binaryData':{'b':'AA=='}}");
        assertThat(validator.unknownFields(cm, ConfigMap.class)).isEmpty();
    }

    @Test
    void managedFieldsContentIsFree() throws IOException {
        ObjectNode pod = json("{'metadata':{'managedFields':[{'manager':'m','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:metadata':{'f:labels':{'.':{}}}}}]}}");
        assertThat(validator.unknownFields(pod, Pod.class)).isEmpty();
    }

    @Test
    void pruneDropsExactlyTheUnknownFields() throws IOException {
        ObjectNode pod = json(POD);
        validator.prune(pod, Pod.class);
        assertThat(validator.unknownFields(pod, Pod.class)).isEmpty();
        assertThat(pod.has("extra")).isFalse();
        assertThat(pod.at("/spec/containers/1/ports/0").toString()).isEqualTo("{\"containerPort\":80}");
        assertThat(pod.at("/spec/containers/0/resources/limits/example.com~1gpu").asInt()).isEqualTo(1);
        assertThat(pod.at("/metadata/labels/any-key").asText()).isEqualTo("v");
    }

    @Test
    void typeErrorsReadLikeGoDecodingErrors() throws IOException {
        ObjectNode d = json("{'metadata':{'name':'d'},'spec':{'replicas':'3','paused':'yes',"
                + "'template':{'spec':{'containers':[{'name':'a','image':7}]}}}}");
        assertThat(validator.typeErrors(d, Deployment.class)).containsExactly(
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool",
                "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string");
    }

    @Test
    void structsListsAndMapsMustHaveTheirJsonType() throws IOException {
        ObjectNode pod = json("{'metadata':'oops','spec':{'containers':{'name':'a'},'nodeSelector':['x']}}");
        assertThat(validator.typeErrors(pod, Pod.class)).containsExactly(
                "json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta",
                "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
                "json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string");
    }

    @Test
    void mapValueErrorsNameTheMapFieldLikeGo() throws IOException {
        ObjectNode pod = json("{'metadata':{'labels':{'app':1}}}");
        assertThat(validator.typeErrors(pod, Pod.class)).containsExactly(
                "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    }

    @Test
    void intOrStringQuantityTimeAndNullsAreAccepted() throws IOException {
        ObjectNode svc = json("{'metadata':{'creationTimestamp':null,'labels':null},'spec':{'ports':["
                + "{'port':80,'targetPort':8080},{'port':81,'targetPort':'http'}]}}");
        assertThat(validator.typeErrors(svc, Service.class)).isEmpty();
        ObjectNode pod = json("{'metadata':{'creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'containers':[{'name':'a',"
                + "'resources':{'limits':{'cpu':0.5,'memory':'1Gi'}}}]}}");
        assertThat(validator.typeErrors(pod, Pod.class)).isEmpty();
    }

    @Test
    void badValuesForSpecialTypes() throws IOException {
        ObjectNode svc = json("{'spec':{'ports':[{'port':1.5,'targetPort':true}]}}");
        assertThat(validator.typeErrors(svc, Service.class)).containsExactly(
                "json: cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.port of type int32",
                "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type intstr.IntOrString");
        ObjectNode pod = json("{'spec':{'containers':[{'resources':{'requests':{'cpu':'lots'}}}]}}");
        assertThat(validator.typeErrors(pod, Pod.class)).singleElement().asString()
                .startsWith("quantities must match the regular expression");
    }

    @Test
    void nonObjectBody() {
        JsonNode array = Json.MAPPER.createArrayNode();
        assertThat(validator.typeErrors(array, Pod.class))
                .containsExactly("json: cannot unmarshal array into Go value of type v1.Pod");
        assertThat(validator.unknownFields(array, Pod.class)).isEmpty();
    }
}
