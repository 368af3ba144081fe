package io.k8j.api.patch;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StrategicMergePatchTest {

    private static final String DEPLOY = "{'spec':{'replicas':1,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%'}},"
            + "'template':{'spec':{'containers':["
            + "{'name':'app','image':'nginx:1.25','ports':[{'containerPort':80}],'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},"
            + "{'name':'side','image':'busybox'}],"
            + "'tolerations':[{'key':'a'}],"
            + "'volumes':[{'name':'v','emptyDir':{}}]}}}}";

    static Stream<Arguments> deploymentPatches() {
        return Stream.of(
                arguments("kubectl apply: image of one container, order and other fields kept",
                        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'side'}],"
                                + "'containers':[{'image':'nginx:1.26','name':'app'}]}}}}",
                        "/spec/template/spec/containers",
                        "[{'name':'app','image':'nginx:1.26','ports':[{'containerPort':80}],'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},"
                                + "{'name':'side','image':'busybox'}]"),
                arguments("$setElementOrder reorders containers",
                        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'side'},{'name':'app'}]}}}}",
                        "/spec/template/spec/containers/0/name", "'side'"),
                arguments("$patch: delete removes a container",
                        "{'spec':{'template':{'spec':{'containers':[{'$patch':'delete','name':'side'}]}}}}",
                        "/spec/template/spec/containers/1", null),
                arguments("$patch: replace replaces the list",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'only','image':'x'},{'$patch':'replace'}]}}}}",
                        "/spec/template/spec/containers", "[{'name':'only','image':'x'}]"),
                arguments("new container goes before server-only ones, as in kube",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'new','image':'x','env':[{'name':'Z','value':null}]}]}}}}",
                        "/spec/template/spec/containers/0", "{'name':'new','image':'x','env':[{'name':'Z'}]}"),
                arguments("env merges by name",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'app','env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}}}}",
                        "/spec/template/spec/containers/0/env",
                        "[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}]"),
                arguments("env item deleted with $patch",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'app','env':[{'name':'A','$patch':'delete'}]}]}}}}",
                        "/spec/template/spec/containers/0/env", "[{'name':'B','value':'2'}]"),
                arguments("container ports merge by containerPort",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'app','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}}}",
                        "/spec/template/spec/containers/0/ports", "[{'containerPort':80,'name':'http'},{'containerPort':443}]"),
                arguments("tolerations have no merge key and are replaced",
                        "{'spec':{'template':{'spec':{'tolerations':[{'key':'b'}]}}}}",
                        "/spec/template/spec/tolerations", "[{'key':'b'}]"),
                arguments("$retainKeys clears the other strategy fields",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                        "/spec/strategy", "{'type':'Recreate'}"),
                arguments("$retainKeys inside a volume switches its source",
                        "{'spec':{'template':{'spec':{'$setElementOrder/volumes':[{'name':'v'}],"
                                + "'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'cm'},'name':'v'}]}}}}",
                        "/spec/template/spec/volumes", "[{'name':'v','configMap':{'name':'cm'}}]"),
                arguments("null deletes a field",
                        "{'spec':{'replicas':null}}", "/spec/replicas", null),
                arguments("$patch: delete on a map empties it",
                        "{'spec':{'strategy':{'$patch':'delete'}}}", "/spec/strategy", "{}"),
                arguments("$patch: replace on a map replaces it",
                        "{'spec':{'strategy':{'$patch':'replace','type':'Recreate'}}}", "/spec/strategy", "{'type':'Recreate'}"),
                arguments("rollout restart adds a template annotation",
                        "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'2026-01-01T00:00:00Z'}}}}}",
                        "/spec/template/metadata/annotations", "{'kubectl.kubernetes.io/restartedAt':'2026-01-01T00:00:00Z'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentPatches")
    void deployment(String name, String patch, String pointer, String expected) {
        var original = obj(DEPLOY);
        var result = Patches.strategicMergePatch(original, json(patch), Deployment.class);
        if (expected == null) {
            assertThat(result.at(pointer).isMissingNode()).as(result.toString()).isTrue();
        } else {
            assertThat(result.at(pointer)).isEqualTo(json(expected));
        }
        assertThat(original).isEqualTo(obj(DEPLOY));
        assertThat(result.toString()).doesNotContain("$");
    }

    static Stream<Arguments> metadataPatches() {
        return Stream.of(
                arguments("label null removal", "{'metadata':{'labels':{'b':null}}}",
                        "{'labels':{'a':'1'},'finalizers':['x','y'],'ownerReferences':[{'uid':'u1','name':'o'}]}"),
                arguments("finalizers union, patch order first", "{'metadata':{'finalizers':['z','x']}}",
                        "{'labels':{'a':'1','b':'2'},'finalizers':['z','x','y'],'ownerReferences':[{'uid':'u1','name':'o'}]}"),
                arguments("$setElementOrder/finalizers with an addition",
                        "{'metadata':{'$setElementOrder/finalizers':['x','y','z'],'finalizers':['z']}}",
                        "{'labels':{'a':'1','b':'2'},'finalizers':['x','y','z'],'ownerReferences':[{'uid':'u1','name':'o'}]}"),
                arguments("$deleteFromPrimitiveList/finalizers", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['x']}}",
                        "{'labels':{'a':'1','b':'2'},'finalizers':['y'],'ownerReferences':[{'uid':'u1','name':'o'}]}"),
                arguments("ownerReferences merge by uid",
                        "{'metadata':{'ownerReferences':[{'uid':'u1','controller':true},{'uid':'u2','name':'p'}]}}",
                        "{'labels':{'a':'1','b':'2'},'finalizers':['x','y'],"
                                + "'ownerReferences':[{'uid':'u1','name':'o','controller':true},{'uid':'u2','name':'p'}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metadataPatches")
    void metadata(String name, String patch, String expected) {
        var original = obj("{'metadata':{'labels':{'a':'1','b':'2'},'finalizers':['x','y'],'ownerReferences':[{'uid':'u1','name':'o'}]}}");
        assertThat(Patches.strategicMergePatch(original, json(patch), Pod.class).get("metadata")).isEqualTo(json(expected));
    }

    @Test
    void servicePortsMergeByPort() {
        var svc = obj("{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}");
        var result = Patches.strategicMergePatch(svc, json("{'spec':{'ports':[{'port':80,'targetPort':9090}]}}"), Service.class);
        assertThat(result.at("/spec/ports")).isEqualTo(json("[{'port':80,'targetPort':9090},{'port':443}]"));
    }

    @Test
    void statusConditionsMergeByType() {
        var d = obj("{'status':{'conditions':[{'type':'Available','status':'False'},{'type':'Progressing','status':'True'}]}}");
        var result = Patches.strategicMergePatch(d, json("{'status':{'conditions':[{'type':'Available','status':'True'}]}}"),
                Deployment.class);
        assertThat(result.at("/status/conditions")).isEqualTo(
                json("[{'type':'Available','status':'True'},{'type':'Progressing','status':'True'}]"));
    }

    @Test
    void unknownKindsMergeLikeMergePatch() {
        var cr = obj("{'spec':{'items':[{'name':'a','v':1}],'m':{'x':1}}}");
        var result = Patches.strategicMergePatch(cr, json("{'spec':{'items':[{'name':'a','v':2}],'m':{'y':2}}}"), null);
        assertThat(result).isEqualTo(json("{'spec':{'items':[{'name':'a','v':2}],'m':{'x':1,'y':2}}}"));
    }

    @Test
    void missingMergeKeyIsRejected() {
        assertThatThrownBy(() -> Patches.strategicMergePatch(obj(DEPLOY),
                json("{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"), Deployment.class))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("does not contain declared merge key: name");
                });
    }

    @Test
    void badRetainKeysIsABadRequest() {
        assertThatThrownBy(() -> Patches.strategicMergePatch(obj(DEPLOY),
                json("{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{}}}}"), Deployment.class))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
