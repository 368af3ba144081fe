package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodLogOptionsTest {
    @Test
    void theKubeletGetsTheOptionsItKnowsEncoded() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("follow", "true");
        params.put("tailLines", "10");
        params.put("limitBytes", "100");
        params.put("sinceTime", "2026-01-02T03:04:05+01:00");
        params.put("container", "app");
        assertThat(PodLogOptions.query(params::get, "web"))
                .isEqualTo("?follow=true&tailLines=10&limitBytes=100&sinceTime=2026-01-02T03%3A04%3A05%2B01%3A00");
        assertThat(PodLogOptions.query(Map.<String, String>of()::get, "web")).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "tailLines    | -1 | tailLines: Invalid value: -1: must be greater than or equal to 0",
            "sinceSeconds | 0  | sinceSeconds: Invalid value: 0: must be greater than 0",
            "limitBytes   | 0  | limitBytes: Invalid value: 0: must be greater than 0",
    })
    void outOfRangeIsAnInvalidPodLogOptions(String name, String value, String message) {
        assertThatThrownBy(() -> PodLogOptions.query(Map.of(name, value)::get, "web"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage("PodLogOptions \"web\" is invalid: " + message);
    }

    @Test
    void sinceSecondsAndSinceTimeTogetherAreInvalid() {
        assertThatThrownBy(() -> PodLogOptions.query(Map.of("sinceSeconds", "5", "sinceTime", "2026-01-02T03:04:05Z")::get, "web"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("at most one of `sinceTime` or `sinceSeconds` may be specified");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"tailLines, ten", "sinceTime, yesterday"})
    void aValueThatDoesNotParseIsABadRequest(String name, String value) {
        assertThatThrownBy(() -> PodLogOptions.query(Map.of(name, value)::get, "web"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
