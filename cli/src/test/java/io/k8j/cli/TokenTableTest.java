package io.k8j.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenTableTest {
    private static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");

    @Test
    void listsTokensWithoutTheirSecretAsKubeadmDoes() {
        var secret = BootstrapTokenSecrets.of(new JoinToken("00", "abcdef", "0123456789abcdef"), Duration.ofHours(24),
                "for node b", List.of(BootstrapTokenSecrets.DEFAULT_GROUP), NOW);
        String table = TokenTable.render(List.of(secret), NOW.plusSeconds(60));
        assertThat(table.lines().toList()).hasSize(2);
        assertThat(table.lines().findFirst().orElseThrow().split(" {2,}"))
                .containsExactly("TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS");
        assertThat(table.lines().skip(1).findFirst().orElseThrow().split(" {2,}")).containsExactly("abcdef.<secret>",
                "23h", "2026-12-08T20:00:00Z", "authentication,signing", "for node b", BootstrapTokenSecrets.DEFAULT_GROUP);
        assertThat(table).doesNotContain("0123456789abcdef");
    }

    @Test
    void ttlSaysInvalidOnceExpiredAndForeverWithoutExpiry() {
        assertThat(TokenTable.ttl("2026-12-07T19:00:00Z", NOW)).isEqualTo("<invalid>");
        assertThat(TokenTable.ttl("", NOW)).isEqualTo("<forever>");
        assertThat(TokenTable.ttl("2026-12-07T20:30:00Z", NOW)).isEqualTo("30m");
    }
}
