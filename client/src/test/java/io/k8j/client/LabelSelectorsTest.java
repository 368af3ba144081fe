package io.k8j.client;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LabelSelectorsTest {
    @ParameterizedTest(name = "{0} {1} on tier={2}: {3}")
    @CsvSource({
            "In, a;b, a, true", "In, a;b, c, false", "In, a, '', false",
            "NotIn, a, b, true", "NotIn, a, a, false", "NotIn, a, '', true",
            "Exists, '', a, true", "Exists, '', '', false",
            "DoesNotExist, '', a, false", "DoesNotExist, '', '', true"})
    void expressions(String op, String values, String tier, boolean expected) {
        LabelSelector s = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator(op)
                .withValues(values.isEmpty() ? List.of() : List.of(values.split(";"))).endMatchExpression().build();
        Map<String, String> labels = tier.isEmpty() ? Map.of("app", "web") : Map.of("app", "web", "tier", tier);
        assertThat(LabelSelectors.matches(s, labels)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "matchLabels app=web on app={0}: {1}")
    @CsvSource({"web, true", "db, false", "'', false"})
    void matchLabels(String app, boolean expected) {
        LabelSelector s = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build();
        assertThat(LabelSelectors.matches(s, app.isEmpty() ? Map.of() : Map.of("app", app))).isEqualTo(expected);
    }
}
