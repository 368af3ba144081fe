package io.k8j.apiserver.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurations secrets-encrypt writes: usable by the server, with keys added first and old keys dropped. */
class SecretsKeysTest {
    private static final Instant NOW = Instant.parse("2026-12-07T21:10:00Z");
    private static final String SECRET_KEY = "/registry/core/secrets/ns/s";

    @TempDir
    Path tmp;

    @Test
    void aGeneratedConfigurationEncryptsSecretsWithAescbcAndStillReadsPlainOnes() {
        Path file = tmp.resolve("encryption-config.yaml");
        EncryptionConfigFile.write(file, SecretsKeys.generated(NOW));

        EncryptionAtRest encryption = EncryptionAtRest.load(file);
        byte[] plain = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(encryption.writePrefix(SECRET_KEY)).isEqualTo("k8s:enc:aescbc:v1:aescbckey-20261207T211000Z:");
        assertThat(encryption.fromStorage(SECRET_KEY, plain).value()).isEqualTo(plain);
        assertThat(encryption.writePrefix("/registry/core/configmaps/ns/c")).isEmpty();
    }

    @Test
    void aRotationPutsANewKeyFirstThenDropsTheOthers() {
        EncryptionConfig first = SecretsKeys.generated(NOW);
        EncryptionConfig rotating = SecretsKeys.withNewKey(first, NOW);
        EncryptionConfig.Provider active = SecretsKeys.active(rotating);

        assertThat(active.keys()).extracting(EncryptionConfig.Key::name)
                .containsExactly("aescbckey-20261207T211000Z-2", "aescbckey-20261207T211000Z");
        assertThat(active.keys().get(0).secret()).isNotEqualTo(active.keys().get(1).secret());
        EncryptionConfig done = SecretsKeys.withoutOldKeys(rotating);
        assertThat(SecretsKeys.active(done).keys()).containsExactly(active.keys().getFirst());
        assertThat(done.rules().getFirst().providers()).extracting(EncryptionConfig.Provider::type).containsExactly("aescbc", "identity");
    }

    @Test
    void withoutAnEncryptingProviderThereIsNothingToRotate() {
        EncryptionConfig identity = new EncryptionConfig(List.of(new EncryptionConfig.Rule(List.of("secrets"),
                List.of(new EncryptionConfig.Provider("identity", List.of())))));

        assertThat(SecretsKeys.active(identity)).isNull();
        assertThatThrownBy(() -> SecretsKeys.withNewKey(identity, NOW)).hasMessageContaining("secrets are not encrypted");
    }
}
