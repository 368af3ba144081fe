package io.k8j.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JoinTokenTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void generatedTokensHaveKubesFormAndCarryTheCaHash() {
        JoinToken token = JoinToken.generate(CA);
        assertThat(token.bearer()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(token.secure()).isEqualTo("K10" + JoinToken.caHash(CA) + "::" + token.bearer());
        assertThat(JoinToken.parse(token.secure())).isEqualTo(token);
        assertThat(JoinToken.generate(CA).id()).isNotEqualTo(token.id());
    }

    @Test
    void plainTokensParseWithoutAHashAndGarbageDoesNotParse() {
        assertThat(JoinToken.parse("abcdef.0123456789abcdef")).isEqualTo(new JoinToken(null, "abcdef", "0123456789abcdef"));
        assertThat(JoinToken.parse("garbage")).isNull();
        assertThat(JoinToken.parse("K10abc::abcdef.0123456789abcdef")).isNull();
        assertThat(JoinToken.parse("ABCDEF.0123456789abcdef")).isNull();
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(new JoinToken(null, "abcdef", "0123456789abcdef").toString()).doesNotContain("0123456789abcdef");
    }
}
