package io.k8j.api.openapi;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.k8j.api.ResourceCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes the v2 protobuf generically, by gnostic's field numbers, as kubectl 1.27/1.28 would. */
class GnosticEncoderTest {
    private static final UnknownFieldSet DOC = parse(ByteString.copyFrom(
            new OpenApi(ResourceCatalog.builtIn()).v2Protobuf()));

    private static UnknownFieldSet parse(ByteString bytes) {
        try {
            return UnknownFieldSet.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ByteString> all(UnknownFieldSet m, int field) {
        return m.hasField(field) ? m.getField(field).getLengthDelimitedList() : List.of();
    }

    private static UnknownFieldSet msg(UnknownFieldSet m, int field) {
        return parse(all(m, field).get(0));
    }

    private static String str(UnknownFieldSet m, int field) {
        return all(m, field).isEmpty() ? "" : all(m, field).get(0).toStringUtf8();
    }

    /** The value of the NamedX entry called {@code name} among the repeated {@code field}. */
    private static UnknownFieldSet named(UnknownFieldSet m, int field, String name) {
        return all(m, field).stream().map(GnosticEncoderTest::parse).filter(n -> str(n, 1).equals(name))
                .map(n -> msg(n, 2)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void documentCarriesVersionAndKindDefinitions() {
        assertThat(str(DOC, 1)).isEqualTo("2.0");
        assertThat(str(msg(DOC, 2), 1)).isEqualTo("Kubernetes");
        UnknownFieldSet pod = named(msg(DOC, 9), 1, "io.k8s.api.core.v1.Pod");
        assertThat(str(msg(pod, 22), 1)).isEqualTo("object");
        UnknownFieldSet gvk = named(pod, 31, "x-kubernetes-group-version-kind");
        assertThat(str(gvk, 2)).isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
        UnknownFieldSet spec = named(msg(pod, 25), 1, "spec");
        assertThat(str(spec, 1)).isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
    }

    @Test
    void listPropertiesKeepTheirItemsAndPatchExtensions() {
        UnknownFieldSet podSpec = named(msg(DOC, 9), 1, "io.k8s.api.core.v1.PodSpec");
        UnknownFieldSet containers = named(msg(podSpec, 25), 1, "containers");
        assertThat(str(msg(containers, 22), 1)).isEqualTo("array");
        assertThat(str(msg(msg(containers, 23), 1), 1)).isEqualTo("#/definitions/io.k8s.api.core.v1.Container");
        assertThat(str(named(containers, 31, "x-kubernetes-patch-merge-key"), 2)).isEqualTo("\"name\"");
    }

    @Test
    void patchOperationHasTheFieldValidationQueryParameter() {
        UnknownFieldSet item = named(msg(DOC, 8), 2, "/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        UnknownFieldSet patch = msg(item, 8);
        assertThat(str(named(patch, 13, "x-kubernetes-group-version-kind"), 2))
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
        List<String> queryParams = all(patch, 8).stream().map(GnosticEncoderTest::parse)
                .map(p -> msg(p, 1)).filter(p -> p.hasField(2))
                .map(p -> str(msg(msg(p, 2), 3), 4)).toList();
        assertThat(queryParams).contains("fieldValidation", "fieldManager", "dryRun", "force");
    }
}
