package io.k8j.apiserver.authn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticTokenFileTest {
    @TempDir
    Path dir;

    @Test
    void readsKubesCsvWithQuotedGroups() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, """
                s3cr3t,alice,1001,"dev, ops"
                t0ken,bob,1002
                ,nobody,1003
                """);
        StaticTokenFile tokens = StaticTokenFile.read(file);

        var alice = tokens.authenticate("s3cr3t", List.of()).user();
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.uid()).isEqualTo("1001");
        assertThat(alice.groups()).containsExactly("dev", "ops");
        assertThat(tokens.authenticate("t0ken", List.of()).user().groups()).isEmpty();
        assertThat(tokens.authenticate("", List.of())).isNull();
        assertThat(tokens.authenticate("S3CR3T", List.of())).isNull();
    }

    @Test
    void recordWithTooFewColumnsIsRefusedAsKubeDoes() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "only,two\n");
        assertThatThrownBy(() -> StaticTokenFile.read(file)).hasMessage("token file '" + file
                + "' must have at least 3 columns (token, user name, user uid), found 2");
    }

    @Test
    void audienceAgnosticTokensAnswerOnlyForTheApiAudiences() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "s3cr3t,alice,1001\n");
        TokenAuthenticator wrapped = TokenAuthenticators.audienceAgnostic(List.of("api"), StaticTokenFile.read(file));
        assertThat(wrapped.authenticate("s3cr3t", List.of()).audiences()).containsExactly("api");
        assertThat(wrapped.authenticate("s3cr3t", List.of("vault"))).isNull();
        assertThat(wrapped.authenticate("s3cr3t", List.of("vault", "api")).audiences()).containsExactly("api");
    }
}
