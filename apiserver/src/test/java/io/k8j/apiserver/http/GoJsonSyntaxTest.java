package io.k8j.apiserver.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's encoding/json wording of the first syntax error, as kube-apiserver reports it. */
class GoJsonSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', nullValues = "VALID", value = {
            "{\"a\":[1,-2.5e+3,true,false,null,\"x\\u00e9\"]}| VALID",
            "apiVersion: v1\\nkind: ConfigMap| invalid character 'a' looking for beginning of value",
            "---\\napiVersion: v1| invalid character '-' in numeric literal",
            "# comment| invalid character '#' looking for beginning of value",
            "| unexpected end of JSON input",
            "{\"a\":1| unexpected end of JSON input",
            "{\"a\" 1}| invalid character '1' after object key",
            "{\"a\":1 \"b\":2}| invalid character '\"' after object key:value pair",
            "{a:1}| invalid character 'a' looking for beginning of object key string",
            "[1 2]| invalid character '2' after array element",
            "{}x| invalid character 'x' after top-level value",
            "01| invalid character '1' after top-level value",
            "1.x| invalid character 'x' after decimal point in numeric literal",
            "1e+| unexpected end of JSON input",
            "1eq| invalid character 'q' in exponent of numeric literal",
            "tru| unexpected end of JSON input",
            "trve| invalid character 'v' in literal true (expecting 'u')",
            "\"a\\qb\"| invalid character 'q' in string escape code",
            "\"\\u12G4\"| invalid character 'G' in \\u hexadecimal character escape",
            "'x'| invalid character '\\'' looking for beginning of value",
    })
    void firstErrorAsGoWordsIt(String input, String expected) {
        String json = input == null ? "" : input.replace("\\n", "\n");
        assertThat(GoJsonSyntax.error(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"apiVersion\":\"v1\"}| {\"apiVersion\":\"v1\"}",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}| {\"apiVersion\":\"v1\",\"kind\":\"Con ...",
            "kind: X| 6b696e643a2058",
            "apiVersion: v1\\nkind: ConfigMap\\n| 61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...",
    })
    void summaryShowsJsonAsTextAndAnythingElseInHex(String input, String expected) {
        assertThat(GoJsonSyntax.summary(input.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void unprintableBytesAreEscapedAsGoQuotesThem() {
        assertThat(GoJsonSyntax.quoteChar((byte) 1)).isEqualTo("'\\x01'");
        assertThat(GoJsonSyntax.quoteChar((byte) '\t')).isEqualTo("'\\t'");
        assertThat(GoJsonSyntax.quoteChar((byte) '"')).isEqualTo("'\"'");
        assertThat(GoJsonSyntax.summary(new byte[0])).isEqualTo("<empty>");
    }
}
