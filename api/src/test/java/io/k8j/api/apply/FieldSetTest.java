package io.k8j.api.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FieldSetTest {

    static Stream<Arguments> appliedConfigurations() {
        return Stream.of(
                arguments("configmap data (kubectl apply --server-side)", ConfigMap.class,
                        "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','namespace':'default'},'data':{'a':'1'}}",
                        "{'f:data':{'f:a':{}}}"),
                arguments("deployment: associative lists keyed, atomic selector, port protocol defaulted", Deployment.class,
                        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'demo','labels':{'app':'demo'}},"
                                + "'spec':{'replicas':2,'selector':{'matchLabels':{'app':'demo'}},'template':{'metadata':{'labels':{'app':'demo'}},"
                                + "'spec':{'containers':[{'name':'app','image':'nginx','ports':[{'containerPort':80}]}]}}}}",
                        "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},"
                                + "'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:containers':{"
                                + "'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{},'f:name':{},'f:ports':{"
                                + "'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}"),
                arguments("finalizers are a set, tolerations atomic", Pod.class,
                        "{'metadata':{'name':'p','finalizers':['a/b'],'uid':'u','resourceVersion':'3'},'spec':{'tolerations':[{'key':'k'}]}}",
                        "{'f:metadata':{'f:finalizers':{'v:\\'a/b\\'':{}}},'f:spec':{'f:tolerations':{}}}"),
                arguments("service ports keyed by port and protocol, empty map owned", Service.class,
                        "{'spec':{'ports':[{'port':80,'protocol':'UDP'}],'selector':{}}}",
                        "{'f:spec':{'f:ports':{'k:{\\'port\\':80,\\'protocol\\':\\'UDP\\'}':{'.':{},'f:port':{},'f:protocol':{}}},'f:selector':{}}}"),
                arguments("unknown kinds: objects granular, lists atomic", null,
                        "{'spec':{'items':[1,2],'nested':{'x':1}}}",
                        "{'f:spec':{'.':{},'f:items':{},'f:nested':{'.':{},'f:x':{}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appliedConfigurations")
    void fieldSetOfAppliedConfiguration(String name, Class<?> model, String object, String fieldsV1) {
        assertThat(ManagedFields.fieldSet(obj(object), model).toJson()).isEqualTo(json(fieldsV1));
    }

    @Test
    void parsesAndWritesFieldsV1() {
        var v1 = json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:image':{}}}}}");
        FieldSet set = FieldSet.parse(v1);
        assertThat(set.toJson()).isEqualTo(v1);
        assertThat(set.contains(List.of("f:metadata", "f:labels"))).isTrue();
        assertThat(set.contains(List.of("f:metadata"))).isFalse();
    }

    @Test
    void setAlgebra() {
        FieldSet a = FieldSet.parse(json("{'f:spec':{'f:replicas':{},'f:paused':{}}}"));
        FieldSet b = FieldSet.parse(json("{'f:spec':{'f:replicas':{},'f:minReadySeconds':{}}}"));
        assertThat(a.intersection(b).toJson()).isEqualTo(json("{'f:spec':{'f:replicas':{}}}"));
        assertThat(a.difference(b).toJson()).isEqualTo(json("{'f:spec':{'f:paused':{}}}"));
        assertThat(a.union(b).paths()).hasSize(3);
    }

    @Test
    void describesPathsLikeKube() {
        assertThat(PathElements.describe(List.of("f:spec", "f:template", "f:spec", "f:containers",
                "k:{\"name\":\"app\"}", "f:image"))).isEqualTo(".spec.template.spec.containers[name=\"app\"].image");
        assertThat(PathElements.describe(List.of("f:spec", "f:ports", "k:{\"port\":80,\"protocol\":\"TCP\"}")))
                .isEqualTo(".spec.ports[port=80,protocol=\"TCP\"]");
        assertThat(PathElements.describe(List.of("f:metadata", "f:finalizers", "v:\"a\""))).isEqualTo(".metadata.finalizers[=\"a\"]");
    }
}
