package io.k8j.controllers.tokencleaner;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCleanerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");

    @Test
    void aTokenIsDueWhenItsExpirationPassesOrCannotBeRead() {
        assertThat(TokenCleaner.timeLeft(token("2026-12-07T21:00:00Z"), NOW)).isEqualTo(Duration.ofHours(1));
        assertThat(TokenCleaner.timeLeft(token("2026-12-07T19:00:00Z"), NOW)).isNegative();
        assertThat(TokenCleaner.timeLeft(token("tomorrow"), NOW)).isZero();
        assertThat(TokenCleaner.timeLeft(new SecretBuilder().withData(Map.of()).build(), NOW)).isNull();
    }

    private static Secret token(String expiration) {
        return new SecretBuilder().withType(TokenCleaner.TYPE).withData(Map.of("expiration",
                Base64.getEncoder().encodeToString(expiration.getBytes(StandardCharsets.UTF_8)))).build();
    }
}
