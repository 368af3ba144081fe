package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentStrategyTest {
    private final ResourceStrategy strategy = new DeploymentStrategy();

    /** What `kubectl create deployment web --image=nginx` sends. */
    private static ObjectNode kubectlCreate() {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  strategy: {}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: nginx, image: nginx, resources: {}}]
                status: {}
                """);
    }

    private ObjectNode created(ObjectNode d) {
        strategy.prepareForCreate(d, Fixtures.Context.empty());
        return d;
    }

    @Test
    void defaultsMatchKube() {
        ObjectNode d = created(kubectlCreate());
        assertThat(d.get("spec")).isEqualTo(yaml("""
                progressDeadlineSeconds: 600
                replicas: 1
                revisionHistoryLimit: 10
                selector: {matchLabels: {app: web}}
                strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                    - image: nginx
                      imagePullPolicy: Always
                      name: nginx
                      resources: {}
                      terminationMessagePath: /dev/termination-log
                      terminationMessagePolicy: File
                    dnsPolicy: ClusterFirst
                    restartPolicy: Always
                    schedulerName: default-scheduler
                    securityContext: {}
                    terminationGracePeriodSeconds: 30
                """));
        assertThat(strategy.validate(d)).isEmpty();
        assertThat(strategy.tracksGeneration()).isTrue();
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        ObjectNode d = kubectlCreate();
        ((ObjectNode) d.at("/spec/template/metadata/labels")).put("app", "other");
        assertThat(strategy.validate(created(d))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.template.metadata.labels");
            assertThat(e.message()).isEqualTo("Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`");
        });
    }

    @Test
    void selectorIsImmutable() {
        ObjectNode old = created(kubectlCreate());
        ObjectNode d = old.deepCopy();
        ((ObjectNode) d.at("/spec/selector/matchLabels")).put("tier", "web");
        ((ObjectNode) d.at("/spec/template/metadata/labels")).put("tier", "web");
        strategy.prepareForUpdate(d, old, Fixtures.Context.empty());
        assertThat(fields(strategy.validateUpdate(d, old))).containsExactly("spec.selector: FieldValueInvalid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/spec/strategy | {type: Recreate, rollingUpdate: {maxSurge: 1}}         | spec.strategy.rollingUpdate: FieldValueForbidden",
            "/spec/strategy | {type: Canary}                                          | spec.strategy.type: FieldValueNotSupported",
            "/spec/strategy | {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}      | spec.strategy.rollingUpdate.maxUnavailable: FieldValueInvalid",
            "/spec/strategy | {rollingUpdate: {maxSurge: ten}}                        | spec.strategy.rollingUpdate.maxSurge: FieldValueInvalid",
            "/spec/selector | {}                                                      | spec.selector: FieldValueInvalid",
            "/spec/template/spec/restartPolicy | Never                                | spec.template.spec.restartPolicy: FieldValueNotSupported",
    })
    void invalidDeploymentsNameTheField(String pointer, String value, String error) {
        ObjectNode d = kubectlCreate();
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        ((ObjectNode) d.at(parent)).set(pointer.substring(parent.length() + 1), yaml("v: " + value).get("v"));
        assertThat(fields(strategy.validate(created(d)))).containsExactly(error);
    }
}
