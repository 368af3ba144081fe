package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class CronJobStrategyTest {
    private final CronJobStrategy strategy = new CronJobStrategy();

    /** What `kubectl create cronjob hello --image=busybox --schedule=...` sends. */
    private static ObjectNode kubectlCreate(String schedule) {
        ObjectNode cj = yaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: hello}
                spec:
                  jobTemplate:
                    metadata: {name: hello}
                    spec:
                      template:
                        metadata: {}
                        spec:
                          containers: [{name: hello, image: busybox, resources: {}}]
                          restartPolicy: OnFailure
                status: {}
                """);
        ((ObjectNode) cj.get("spec")).put("schedule", schedule);
        return cj;
    }

    private ObjectNode created(ObjectNode cj) {
        strategy.prepareForCreate(cj, Fixtures.Context.empty());
        return cj;
    }

    @Test
    void defaultsMatchKube() {
        ObjectNode spec = (ObjectNode) created(kubectlCreate("*/5 * * * *")).get("spec");
        assertThat(spec.get("concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(spec.get("failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(spec.at("/jobTemplate/spec/template/spec/schedulerName").asText()).isEqualTo("default-scheduler");
        assertThat(spec.at("/jobTemplate/spec/backoffLimit").isMissingNode()).isTrue();
        assertThat(strategy.tracksGeneration()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/5 * * * *", "0 0 * * *", "15,45 9-17 * * MON-FRI", "0 12 1 jan,jul ?", "5/15 * * * *",
            "@hourly", "@daily", "@every 1h30m"})
    void acceptsValidSchedules(String schedule) {
        assertThat(strategy.validate(created(kubectlCreate(schedule)))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* * * *          | expected exactly 5 fields, found 4: [* * * *]",
            "60 * * * *       | end of range (60) above maximum (59): 60",
            "* * 0 * *        | beginning of range (0) below minimum (1): 0",
            "* * * * 7        | end of range (7) above maximum (6): 7",
            "5-1 * * * *      | beginning of range (5) beyond end of range (1): 5-1",
            "*/0 * * * *      | step of range should be a positive number: */0",
            "x * * * *        | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "@fortnightly     | unrecognized descriptor: @fortnightly",
            "TZ=UTC 0 * * * * | cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
    })
    void rejectsInvalidSchedules(String schedule, String why) {
        assertThat(strategy.validate(created(kubectlCreate(schedule)))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.schedule");
            assertThat(e.detail()).isEqualTo(why);
        });
    }

    @Test
    void otherRules() {
        ObjectNode cj = kubectlCreate("");
        ((ObjectNode) cj.get("spec")).put("timeZone", "Mars/Olympus").put("concurrencyPolicy", "Sometimes");
        ((ObjectNode) cj.at("/metadata")).put("name", "a".repeat(53));
        assertThat(fields(strategy.validate(created(cj)))).containsExactly("metadata.name: FieldValueInvalid",
                "spec.schedule: FieldValueRequired", "spec.timeZone: FieldValueInvalid", "spec.concurrencyPolicy: FieldValueNotSupported");
        ObjectNode zoned = kubectlCreate("0 9 * * *");
        ((ObjectNode) zoned.get("spec")).put("timeZone", "Europe/Berlin");
        assertThat(strategy.validate(created(zoned))).isEmpty();
    }
}
