package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Namespaces, Secrets and ConfigMaps. */
class ConfigStrategiesTest {
    private final Fixtures.Context ctx = Fixtures.Context.empty();

    @Test
    void namespaceGetsNameLabelFinalizerAndPhase() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode ns = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: team-a}, spec: {}, status: {}}");
        strategy.prepareForCreate(ns, ctx);
        assertThat(ns.at("/metadata/labels")).isEqualTo(yaml("{kubernetes.io/metadata.name: team-a}"));
        assertThat(ns.get("spec")).isEqualTo(yaml("{finalizers: [kubernetes]}"));
        assertThat(ns.get("status")).isEqualTo(yaml("{phase: Active}"));
        assertThat(strategy.selectableFields(ns)).containsEntry("status.phase", "Active");

        ObjectNode edited = yaml("{metadata: {name: team-a, labels: {kubernetes.io/metadata.name: other}}, spec: {finalizers: []}}");
        strategy.prepareForUpdate(edited, ns, ctx);
        assertThat(edited.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("team-a");
        assertThat(edited.at("/spec/finalizers")).isEqualTo(ns.at("/spec/finalizers"));
    }

    @Test
    void namespaceDeletionWaitsForItsFinalizersAndSparesSystemNamespaces() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode ns = yaml("{metadata: {name: team-a}}");
        strategy.prepareForCreate(ns, ctx);
        assertThat(strategy.deletionBlockers(ns)).containsExactly("kubernetes");
        strategy.prepareForDeletion(ns);
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThatThrownBy(() -> strategy.checkDelete(yaml("{metadata: {name: kube-system}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
                .hasMessage("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
    }

    @Test
    void namespaceNamesAreDnsLabels() {
        ObjectNode ns = yaml("{metadata: {name: team.a}}");
        assertThat(fields(new NamespaceStrategy().validate(ns))).containsExactly("metadata.name: FieldValueInvalid");
    }

    @Test
    void secretStringDataIsFoldedIntoData() {
        SecretStrategy strategy = new SecretStrategy();
        ObjectNode secret = yaml("{metadata: {name: s}, data: {a: YQ==, b: Yg==}, stringData: {b: two, c: three}}");
        strategy.prepareForCreate(secret, ctx);
        assertThat(secret.get("type").asText()).isEqualTo("Opaque");
        assertThat(secret.get("data")).isEqualTo(yaml("{a: YQ==, b: dHdv, c: dGhyZWU=}"));
        assertThat(secret.has("stringData")).isFalse();
        assertThat(strategy.validate(secret)).isEmpty();
        assertThat(strategy.selectableFields(secret)).containsEntry("type", "Opaque");
    }

    @Test
    void secretValuesMustBeBase64LikeKubeDecodes() {
        ObjectNode secret = yaml("{metadata: {name: s}, data: {a: 'not base64!'}}");
        assertThatThrownBy(() -> new SecretStrategy().prepareForCreate(secret, ctx))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3");
    }

    @Test
    void secretKeysAndTypes() {
        SecretStrategy strategy = new SecretStrategy();
        ObjectNode secret = yaml("{metadata: {name: s}, type: kubernetes.io/tls, data: {'bad key': YQ==, tls.crt: YQ==}}");
        strategy.prepareForCreate(secret, ctx);
        assertThat(fields(strategy.validate(secret))).containsExactly("data[bad key]: FieldValueInvalid", "data[tls.key]: FieldValueRequired");
    }

    @Test
    void immutableSecretRejectsDataChanges() {
        SecretStrategy strategy = new SecretStrategy();
        ObjectNode old = yaml("{metadata: {name: s}, type: Opaque, immutable: true, data: {a: YQ==}}");
        ObjectNode secret = yaml("{metadata: {name: s}, immutable: true, stringData: {a: b}}");
        strategy.prepareForUpdate(secret, old, ctx);
        assertThat(strategy.validateUpdate(secret, old)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("data");
            assertThat(e.message()).isEqualTo("Forbidden: field is immutable when `immutable` is set");
        });
        ObjectNode unlocked = old.deepCopy().put("immutable", false);
        assertThat(fields(strategy.validateUpdate(unlocked, old))).containsExactly("immutable: FieldValueForbidden");
    }

    @Test
    void configMapKeysSizeAndImmutability() {
        ConfigMapStrategy strategy = new ConfigMapStrategy();
        ObjectNode cm = yaml("{metadata: {name: c}, data: {a: x, '..b': y}, binaryData: {a: eA==}}");
        strategy.prepareForCreate(cm, ctx);
        assertThat(fields(strategy.validate(cm))).containsExactlyInAnyOrder(
                "data[..b]: FieldValueInvalid", "data[a]: FieldValueInvalid");

        ObjectNode big = yaml("{metadata: {name: c}}");
        big.putObject("data").put("blob", "x".repeat(DataMaps.MAX_SIZE + 1));
        assertThat(strategy.validate(big)).singleElement()
                .satisfies(e -> assertThat(e.describe()).isEqualTo("[]: Too long: must have at most 1048576 bytes"));

        ObjectNode old = yaml("{metadata: {name: c}, immutable: true, data: {a: x}}");
        ObjectNode changed = yaml("{metadata: {name: c}, immutable: true, data: {a: y}}");
        assertThat(fields(strategy.validateUpdate(changed, old))).containsExactly("data: FieldValueForbidden");
        assertThat(strategy.validateUpdate(old.deepCopy(), old)).isEmpty();
    }
}
