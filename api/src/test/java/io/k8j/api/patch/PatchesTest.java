package io.k8j.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchesTest {
    private static final String POD = "{'metadata':{'name':'web','labels':{'app':'web','tier':'fe'},"
            + "'managedFields':[{'manager':'kubectl-client-side-apply','operation':'Update'}],'resourceVersion':'12'},"
            + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            replace a label        | [{'op':'replace','path':'/metadata/labels/app','value':'api'}]        | /metadata/labels/app | 'api'
            add a label            | [{'op':'add','path':'/metadata/labels/x','value':'y'}]                | /metadata/labels/x   | 'y'
            remove a label         | [{'op':'remove','path':'/metadata/labels/tier'}]                      | /metadata/labels     | {'app':'web'}
            append to a list       | [{'op':'add','path':'/spec/containers/-','value':{'name':'b'}}]        | /spec/containers/1   | {'name':'b'}
            passing test           | [{'op':'test','path':'/metadata/name','value':'web'}]                 | /metadata/name       | 'web'
            kubectl CSA->SSA reset | [{'op':'replace','path':'/metadata/managedFields','value':[{'manager':'kubectl','operation':'Apply'}]},{'op':'replace','path':'/metadata/resourceVersion','value':'12'}] | /metadata/managedFields | [{'manager':'kubectl','operation':'Apply'}]
            """)
    void jsonPatchApplies(String name, String patch, String pointer, String expected) {
        ObjectNode original = obj(POD);
        ObjectNode result = Patches.jsonPatch(original, json(patch));
        assertThat(result.at(pointer)).isEqualTo(json(expected));
        assertThat(original).isEqualTo(obj(POD));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            failed test          | [{'op':'test','path':'/metadata/name','value':'other'}]  | 422
            remove missing field | [{'op':'remove','path':'/metadata/labels/none'}]         | 422
            replace missing      | [{'op':'replace','path':'/spec/nodeName','value':'n1'}]  | 422
            add under missing    | [{'op':'add','path':'/status/phase','value':'Running'}]  | 422
            unknown op           | [{'op':'frobnicate','path':'/metadata/name'}]            | 422
            not a list           | {'op':'add','path':'/metadata/name','value':'x'}         | 400
            """)
    void jsonPatchFailures(String name, String patch, int code) {
        assertThatThrownBy(() -> Patches.jsonPatch(obj(POD), json(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.toApiException().status().get("code").asInt()).isEqualTo(code);
                });
    }

    @Test
    void failedJsonPatchAnswersLikeKube() {
        PatchException e = (PatchException) org.assertj.core.api.Assertions.catchThrowable(() ->
                Patches.jsonPatch(obj(POD), json("[{'op':'test','path':'/metadata/name','value':'x'}]")));
        assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
        assertThat(e.reason()).isEqualTo("Invalid");
        assertThat(e.detail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            null removes a label     | {'metadata':{'labels':{'tier':null}}}           | {'name':'web','labels':{'app':'web'}}
            maps merge               | {'metadata':{'labels':{'x':'1'}}}               | {'name':'web','labels':{'app':'web','tier':'fe','x':'1'}}
            absent map is created    | {'metadata':{'annotations':{'a':'b','c':null}}} | {'name':'web','labels':{'app':'web','tier':'fe'},'annotations':{'a':'b'}}
            scalar replaces a map    | {'metadata':{'labels':'none'}}                  | {'name':'web','labels':'none'}
            """)
    void mergePatchOnMetadata(String name, String patch, String metadata) {
        ObjectNode original = obj("{'metadata':{'name':'web','labels':{'app':'web','tier':'fe'}}}");
        assertThat(Patches.mergePatch(original, json(patch)).get("metadata")).isEqualTo(json(metadata));
    }

    @Test
    void mergePatchReplacesLists() {
        ObjectNode result = Patches.mergePatch(obj(POD), json("{'spec':{'containers':[{'name':'b'}]}}"));
        assertThat(result.at("/spec/containers")).isEqualTo(json("[{'name':'b'}]"));
    }

    @Test
    void mergePatchMustBeAnObject() {
        assertThatThrownBy(() -> Patches.mergePatch(obj(POD), json("[1]")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
