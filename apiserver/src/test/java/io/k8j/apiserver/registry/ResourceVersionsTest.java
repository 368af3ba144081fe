package io.k8j.apiserver.registry;

import io.k8j.api.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceVersionsTest {

    @ParameterizedTest
    @CsvSource({"'',0", "0,0", "00,0", "42,42", "9223372036854775807,9223372036854775807"})
    void decimalsAndTheAnyVersionsParse(String rv, long expected) {
        assertThat(ResourceVersions.parse(rv)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"abc,invalid syntax", "-1,invalid syntax", "+1,invalid syntax", "' 1',invalid syntax", "1.0,invalid syntax",
            "99999999999999999999,value out of range"})
    void anythingElseIsABadRequestWithKubesMessage(String rv, String why) {
        assertThatThrownBy(() -> ResourceVersions.parse(rv)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("BadRequest");
            assertThat(e.getMessage()).isEqualTo("resourceVersion: Invalid value: \"" + rv
                    + "\": strconv.ParseUint: parsing \"" + rv + "\": " + why);
        });
    }
}
