package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;


import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class JobStrategyTest {
    private static final String UID = "8c3f2a4e-1b6d-4d7e-9a0b-2f5c6d7e8f90";
    private final JobStrategy strategy = new JobStrategy();

    /** What `kubectl create job pi --image=perl` sends, plus the uid the store assigns before prepare. */
    private static ObjectNode kubectlCreate() {
        return yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, uid: %s}
                spec:
                  template:
                    metadata: {}
                    spec:
                      containers: [{name: pi, image: perl, resources: {}}]
                      restartPolicy: Never
                status: {}
                """.formatted(UID));
    }

    private ObjectNode created(ObjectNode job) {
        strategy.prepareForCreate(job, Fixtures.Context.empty());
        return job;
    }

    @Test
    void generatesSelectorAndLabelsFromTheUid() {
        ObjectNode job = created(kubectlCreate());
        ObjectNode labels = yaml("""
                batch.kubernetes.io/controller-uid: %s
                batch.kubernetes.io/job-name: pi
                controller-uid: %s
                job-name: pi
                """.formatted(UID, UID));
        assertThat(job.at("/spec/selector")).isEqualTo(yaml("{matchLabels: {batch.kubernetes.io/controller-uid: %s}}".formatted(UID)));
        assertThat(job.at("/spec/template/metadata/labels")).isEqualTo(labels);
        assertThat(job.at("/metadata/labels")).isEqualTo(labels);
        assertThat(strategy.validate(job)).isEmpty();
    }

    @Test
    void defaultsMatchKube() {
        ObjectNode spec = (ObjectNode) created(kubectlCreate()).get("spec");
        assertThat(spec.get("backoffLimit").asInt()).isEqualTo(6);
        assertThat(spec.get("completions").asInt()).isEqualTo(1);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(1);
        assertThat(spec.get("completionMode").asText()).isEqualTo("NonIndexed");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("manualSelector").asBoolean()).isFalse();
        assertThat(spec.get("podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
        assertThat(spec.at("/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    }

    @Test
    void parallelismAloneLeavesCompletionsUnset() {
        ObjectNode job = kubectlCreate();
        ((ObjectNode) job.get("spec")).put("parallelism", 3);
        assertThat(created(job).at("/spec/completions").isMissingNode()).isTrue();
    }

    @Test
    void templateMustNotRestartAlways() {
        ObjectNode job = kubectlCreate();
        ((ObjectNode) job.at("/spec/template/spec")).remove("restartPolicy");
        // kube defaults the PodSpec's Always first, then the Job rule rejects it
        assertThat(strategy.validate(created(job))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.template.spec.restartPolicy");
            assertThat(e.message()).isEqualTo("Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
        });
    }

    @Test
    void handWrittenSelectorNeedsManualSelector() {
        ObjectNode job = kubectlCreate();
        ((ObjectNode) job.get("spec")).set("selector", yaml("{matchLabels: {app: pi}}"));
        ((ObjectNode) job.at("/spec/template/metadata")).set("labels", yaml("{app: pi}"));
        assertThat(fields(strategy.validate(created(job)))).contains("spec.selector: FieldValueInvalid");

        ObjectNode manual = kubectlCreate();
        ((ObjectNode) manual.get("spec")).put("manualSelector", true).set("selector", yaml("{matchLabels: {app: pi}}"));
        ((ObjectNode) manual.at("/spec/template/metadata")).set("labels", yaml("{app: pi}"));
        assertThat(strategy.validate(created(manual))).isEmpty();
    }

    @Test
    void templateIsImmutable() {
        ObjectNode old = created(kubectlCreate());
        ObjectNode job = old.deepCopy();
        ((ObjectNode) job.at("/spec/template/spec/containers/0")).put("image", "perl:5.34");
        strategy.prepareForUpdate(job, old, Fixtures.Context.empty());
        assertThat(fields(strategy.validateUpdate(job, old))).containsExactly("spec.template: FieldValueInvalid");
        assertThat(strategy.tracksGeneration()).isTrue();
    }

    @Test
    void replacingWithTheSameJobIsAccepted() {
        ObjectNode old = created(kubectlCreate());
        ObjectNode job = old.deepCopy();
        ((ObjectNode) job.get("metadata")).remove("labels");
        strategy.prepareForUpdate(job, old, Fixtures.Context.empty());
        assertThat(strategy.validateUpdate(job, old)).isEmpty();
        assertThat(job.at("/metadata/labels")).isEqualTo(old.at("/metadata/labels"));
    }
}
