package io.k8j.apiserver.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8j.storage.transform.TransformException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kube's EncryptionConfiguration applied to stored values: prefixes, providers, key order, reloads. */
class EncryptionAtRestTest {
    private static final String SECRET_KEY = "/registry/core/secrets/ns/s";
    private static final byte[] VALUE = "{\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String KEY_1 = key(32, 1);
    private static final String KEY_2 = key(32, 2);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"aescbc", "aesgcm", "secretbox"})
    void eachProviderStoresUnderKubesPrefixAndReadsBack(String provider) throws Exception {
        EncryptionAtRest encryption = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers:
                  - %s: {keys: [{name: key1, secret: %s}]}
                """.formatted(provider, KEY_1)));

        byte[] stored = encryption.toStorage(SECRET_KEY, VALUE);

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).startsWith("k8s:enc:" + provider + ":v1:key1:")
                .doesNotContain("password").doesNotContain("aHVudGVyMg");
        assertThat(encryption.fromStorage(SECRET_KEY, stored).value()).isEqualTo(VALUE);
        assertThat(encryption.toStorage(SECRET_KEY, VALUE)).as("a fresh IV or nonce each time").isNotEqualTo(stored);
    }

    @Test
    void theFirstKeyEncryptsAndEveryListedKeyDecrypts() throws Exception {
        byte[] byOldKey = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: old, secret: %s}]}}]
                """.formatted(KEY_1))).toStorage(SECRET_KEY, VALUE);
        EncryptionAtRest rotated = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: new, secret: %s}, {name: old, secret: %s}]}}]
                """.formatted(KEY_2, KEY_1)));

        assertThat(rotated.fromStorage(SECRET_KEY, byOldKey).value()).isEqualTo(VALUE);
        assertThat(rotated.fromStorage(SECRET_KEY, byOldKey).storedPrefix()).isEqualTo("k8s:enc:aescbc:v1:old:");
        assertThat(rotated.writePrefix(SECRET_KEY)).isEqualTo("k8s:enc:aescbc:v1:new:");
    }

    @Test
    void aValueWhoseKeyIsGoneOrWasChangedIsAnErrorNamingTheCause() throws Exception {
        byte[] stored = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: k, secret: %s}]}}]
                """.formatted(KEY_1))).toStorage(SECRET_KEY, VALUE);

        EncryptionAtRest otherName = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: other, secret: %s}]}}, {identity: {}}]
                """.formatted(KEY_1)));
        assertThatThrownBy(() -> otherName.fromStorage(SECRET_KEY, stored)).isInstanceOf(TransformException.class)
                .hasMessageStartingWith("no matching prefix found");
        EncryptionAtRest sameNameOtherSecret = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: k, secret: %s}]}}]
                """.formatted(KEY_2)));
        assertThatThrownBy(() -> sameNameOtherSecret.fromStorage(SECRET_KEY, stored)).isInstanceOf(TransformException.class)
                .hasMessage("invalid padding on input");
    }

    @Test
    void aesgcmBindsTheValueToItsKey() throws Exception {
        EncryptionAtRest gcm = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aesgcm: {keys: [{name: k, secret: %s}]}}]
                """.formatted(KEY_1)));
        byte[] stored = gcm.toStorage(SECRET_KEY, VALUE);

        assertThatThrownBy(() -> gcm.fromStorage("/registry/core/secrets/ns/other", stored))
                .hasMessage("cipher: message authentication failed");
    }

    @Test
    void identityReadsPlainValuesAndOnlyListedResourcesAreEncrypted() throws Exception {
        EncryptionAtRest encryption = EncryptionAtRest.load(config("""
                - resources: [secrets, "*.apps"]
                  providers: [{secretbox: {keys: [{name: k, secret: %s}]}}, {identity: {}}]
                """.formatted(KEY_1)));

        assertThat(encryption.fromStorage(SECRET_KEY, VALUE).value()).as("written before encryption").isEqualTo(VALUE);
        assertThat(encryption.fromStorage(SECRET_KEY, VALUE).storedPrefix()).isEmpty();
        assertThat(encryption.toStorage("/registry/core/configmaps/ns/c", VALUE)).isEqualTo(VALUE);
        assertThat(encryption.writePrefix("/registry/apps/deployments/ns/d")).isEqualTo("k8s:enc:secretbox:v1:k:");
        assertThat(encryption.writePrefix("/registry/batch/jobs/ns/j")).isEmpty();
    }

    @Test
    void withoutIdentityAPlainValueIsUnreadable() throws Exception {
        EncryptionAtRest encryption = EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aesgcm: {keys: [{name: k, secret: %s}]}}]
                """.formatted(KEY_1)));

        assertThatThrownBy(() -> encryption.fromStorage(SECRET_KEY, VALUE)).hasMessageStartingWith("no matching prefix found");
    }

    @Test
    void secretboxIsNaclsLayout() {
        // crypto_secretbox_easy(message, nonce 100..123, key 0..31) from libsodium: tag, then ciphertext.
        byte[] box = HexFormat.of().parseHex("02ac447fb4b4e848b1f32eb30ca38c4f799bf2a054d2ecd392ae46f745e1d73a12885cc690c76921"
                + "dd2e32f579f8bee7da0bd6226d56d3b280725034795eba58fcb2d365");
        byte[] key = new byte[32];
        byte[] sealed = new byte[24 + box.length];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        for (int i = 0; i < 24; i++) {
            sealed[i] = (byte) (100 + i);
        }
        System.arraycopy(box, 0, sealed, 24, box.length);
        byte[] message = "{\"kind\":\"Secret\",\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(new Secretbox().open(key, sealed, new byte[0])).isEqualTo(message);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> new Secretbox().open(key, sealed, new byte[0])).isInstanceOf(TransformException.class);
    }

    @Test
    void aChangedFileIsUsedFromTheNextWriteAndABrokenOneIgnored() throws Exception {
        Path file = config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: one, secret: %s}]}}]
                """.formatted(KEY_1));
        EncryptionAtRest encryption = EncryptionAtRest.load(file);
        assertThat(encryption.writePrefix(SECRET_KEY)).isEqualTo("k8s:enc:aescbc:v1:one:");

        Path next = config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: two, secret: %s}, {name: one, secret: %s}]}}]
                """.formatted(KEY_2, KEY_1));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(encryption.writePrefix(SECRET_KEY)).isEqualTo("k8s:enc:aescbc:v1:two:");

        Files.writeString(tmp.resolve("broken.yaml"), "kind: Nonsense");
        Files.move(tmp.resolve("broken.yaml"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(encryption.writePrefix(SECRET_KEY)).isEqualTo("k8s:enc:aescbc:v1:two:");
    }

    @Test
    void unusableConfigurationsAreRefusedNamingTheFault() throws Exception {
        assertThatThrownBy(() -> EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{kms: {name: vault}}]
                """))).isInstanceOf(InvalidEncryptionConfigException.class).hasMessageContaining("provider kms is not supported");
        assertThatThrownBy(() -> EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{secretbox: {keys: [{name: short, secret: %s}]}}]
                """.formatted(key(16, 1))))).hasMessageContaining("secretbox key short").hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> EncryptionAtRest.load(config("""
                - resources: [secrets]
                  providers: [{aescbc: {keys: [{name: k, secret: "not base64!"}]}}]
                """))).hasMessageContaining("could not obtain secret for named key k");
        Path wrongKind = Files.writeString(tmp.resolve("wrong.yaml"), "apiVersion: v1\nkind: EncryptionConfig\n");
        assertThatThrownBy(() -> EncryptionAtRest.load(wrongKind)).hasMessageContaining("expected kind EncryptionConfiguration");
    }

    @Test
    void resourceNamesMatchAsKubes() {
        assertThat(ResourceEncryption.matches("secrets", "", "secrets")).isTrue();
        assertThat(ResourceEncryption.matches("secrets", "apps", "secrets")).isFalse();
        assertThat(ResourceEncryption.matches("deployments.apps", "apps", "deployments")).isTrue();
        assertThat(ResourceEncryption.matches("*.", "", "configmaps")).isTrue();
        assertThat(ResourceEncryption.matches("*.", "apps", "deployments")).isFalse();
        assertThat(ResourceEncryption.matches("*.*", "batch", "jobs")).isTrue();
    }

    private Path config(String resources) throws Exception {
        Path file = Files.createTempFile(tmp, "encryption", ".yaml");
        Files.writeString(file, "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n" + resources);
        return file;
    }

    private static String key(int length, int fill) {
        byte[] key = new byte[length];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
