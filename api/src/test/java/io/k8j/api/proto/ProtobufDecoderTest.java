package io.k8j.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.k8j.api.Json;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips: build the protobuf a Go client would send, decode it, compare with the JSON it would send. */
class ProtobufDecoderTest {

    @Test
    void configMapWithData() throws IOException {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(named("cm1").setNamespace("default"))
                .putData("k", "v").putData("empty", "").build();

        assertDecodes("v1", "ConfigMap", cm, """
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm1","namespace":"default"},
                 "data":{"k":"v","empty":""}}""");
    }

    @Test
    void secretBytesAreBase64() throws IOException {
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(named("s1")).setType("Opaque")
                .putData("password", ByteString.copyFromUtf8("s3cr3t")).build();

        assertDecodes("v1", "Secret", secret, """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1"},"type":"Opaque",
                 "data":{"password":"czNjcjN0"}}""");
    }

    @Test
    void namespaceWithTimestamps() throws IOException {
        V1.Namespace ns = V1.Namespace.newBuilder().setMetadata(named("ns1")
                .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1714557600))
                .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1714557601).setNanos(5))).build();

        assertDecodes("v1", "Namespace", ns, """
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"ns1",
                 "creationTimestamp":"2024-05-01T10:00:00Z","deletionTimestamp":"2024-05-01T10:00:01Z"}}""");
    }

    @Test
    void deploymentWithReplicasPortsAndQuantities() throws IOException {
        V1.Container container = V1.Container.newBuilder().setName("web").setImage("nginx")
                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP"))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putLimits("cpu", Quantity.newBuilder().setString("500m").build())
                        .putRequests("memory", Quantity.newBuilder().setString("64Mi").build()))
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder().setMetadata(named("web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(3)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxSurge(IntOrString.newBuilder().setType(1).setStrVal("25%"))
                                        .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(0))))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container))))
                .build();

        assertDecodes("apps/v1", "Deployment", deployment, """
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                  "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx",
                   "ports":[{"containerPort":80,"protocol":"TCP"}],
                   "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}}}]}}}}""");
    }

    @Test
    void managedFieldsAndRawExtensionsEmbedJson() throws IOException {
        Meta.ObjectMeta.Builder meta = named("rev1").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                .setManager("kubectl").setOperation("Apply").setApiVersion("apps/v1").setFieldsType("FieldsV1")
                .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{\"f:data\":{}}"))));
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder().setMetadata(meta).setRevision(2)
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"a\":[1]}}")))
                .build();

        assertDecodes("apps/v1", "ControllerRevision", revision, """
                {"kind":"ControllerRevision","apiVersion":"apps/v1","revision":2,"data":{"spec":{"a":[1]}},
                 "metadata":{"name":"rev1","managedFields":[{"manager":"kubectl","operation":"Apply",
                  "apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{}}}]}}""");
    }

    @Test
    void rawExtensionMayHoldAnotherProtobufObject() throws IOException {
        byte[] inner = envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(named("in")).build());
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder().setMetadata(named("rev"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(inner))).build();

        JsonNode json = ProtobufDecoder.decode(envelope("apps/v1", "ControllerRevision", revision));

        assertThat(json.at("/data")).isEqualTo(parse("""
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"in"}}"""));
    }

    @Test
    void microTimeKeepsMicroseconds() throws IOException {
        V1.Event event = V1.Event.newBuilder().setMetadata(named("e1"))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1714557600).setNanos(123456789)).build();

        assertThat(ProtobufDecoder.decode(envelope("v1", "Event", event)).get("eventTime").asText())
                .isEqualTo("2024-05-01T10:00:00.123456Z");
    }

    @Test
    void zeroTimeIsNullAsInGoJson() throws IOException {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder()
                .setMetadata(named("cm").setCreationTimestamp(Meta.Time.getDefaultInstance())).build();

        assertThat(ProtobufDecoder.decode(envelope("v1", "ConfigMap", cm)).at("/metadata/creationTimestamp").isNull())
                .isTrue();
    }

    /** kubectl 1.33 writes PodStatus.observedGeneration (17), newer than the bundled schema, as 0 in every Pod. */
    @Test
    void unknownFieldsHoldingGoZeroValuesAreDropped() throws IOException {
        UnknownFieldSet zeros = UnknownFieldSet.newBuilder()
                .addField(17, UnknownFieldSet.Field.newBuilder().addVarint(0).build())
                .addField(18, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.EMPTY).build()).build();
        V1.Pod pod = V1.Pod.newBuilder().setMetadata(named("p"))
                .setStatus(V1.PodStatus.newBuilder().setUnknownFields(zeros)).build();

        assertDecodes("v1", "Pod", pod, """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"status":{}}""");
    }

    @Test
    void durationsAndExtraValuesUseTheirGoJsonShapes() {
        assertThat(ProtoJson.toJson(Meta.Duration.newBuilder().setDuration(90_000_000_000L).build()).asText())
                .isEqualTo("1m30s");
        var user = io.kubernetes.client.proto.V1Authentication.UserInfo.newBuilder().setUsername("u")
                .putExtra("scopes", io.kubernetes.client.proto.V1Authentication.ExtraValue.newBuilder()
                        .addItems("a").addItems("b").build()).build();
        assertThat(ProtoJson.toJson(user).toString()).isEqualTo("{\"username\":\"u\",\"extra\":{\"scopes\":[\"a\",\"b\"]}}");
    }

    private static Meta.ObjectMeta.Builder named(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name);
    }

    static byte[] envelope(String apiVersion, String kind, Message object) throws IOException {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("k8s\0".getBytes(StandardCharsets.US_ASCII));
        unknown.writeTo(out);
        return out.toByteArray();
    }

    private static void assertDecodes(String apiVersion, String kind, Message object, String json) throws IOException {
        assertThat(ProtobufDecoder.decode(envelope(apiVersion, kind, object))).isEqualTo(parse(json));
    }

    private static JsonNode parse(String json) throws IOException {
        return Json.MAPPER.readTree(json);
    }
}
