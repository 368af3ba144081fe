package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationMessagesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;

    private static Container spec(String policy) {
        return new ContainerBuilder().withName("c").withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy(policy).build();
    }

    private TerminationMessages messages() {
        return new TerminationMessages(c -> dir.resolve("termination-" + c.attempt()));
    }

    private ContainerStatus exited(int code, String reason, String message, String... lines) throws IOException {
        Path log = dir.resolve("0.log");
        Files.writeString(log, IntStream.range(0, lines.length)
                .mapToObj(i -> T0.plusSeconds(i) + " stdout F " + lines[i] + "\n").collect(Collectors.joining()));
        return new ContainerStatus("id", "s", "c", 0, ContainerState.EXITED, T0, T0, T0.plusSeconds(9), code, reason,
                message, "busybox", "process://busybox", log, Map.of());
    }

    @Test
    void aFailedContainerSaysWhatItsLogEndsWith() throws IOException {
        ContainerStatus c = messages().withMessage(exited(1, "Error", null, "starting", "boom"), spec("FallbackToLogsOnError"));
        assertThat(c.message()).isEqualTo("starting\nboom\n");
    }

    @Test
    void anExitedContainersLogIsReadOnce() throws IOException {
        TerminationMessages messages = messages();
        ContainerStatus c = exited(1, "Error", null, "boom");
        assertThat(messages.withMessage(c, spec("FallbackToLogsOnError")).message()).isEqualTo("boom\n");
        Files.delete(c.logPath()); // e.g. rotated away: the message it left stays
        assertThat(messages.withMessage(c, spec("FallbackToLogsOnError")).message()).isEqualTo("boom\n");
    }

    @Test
    void theTailIsTheLast80LinesCutTo2048Bytes() throws IOException {
        String[] lines = IntStream.range(0, 100).mapToObj(i -> String.format("line %03d %s", i, "x".repeat(40))).toArray(String[]::new);
        String message = messages().withMessage(exited(2, "Error", null, lines), spec("FallbackToLogsOnError")).message();
        assertThat(message).startsWith("line 020 ").hasSize(2048);
    }

    @ParameterizedTest(name = "policy {0}")
    @CsvSource({"File", "FallbackToLogsOnError"})
    void whatTheContainerWroteToItsTerminationLogIsItsMessage(String policy) throws IOException {
        Files.writeString(dir.resolve("termination-0"), "x".repeat(5000) + "the end");
        ContainerStatus c = exited(3, "Error", null, "boom");
        assertThat(messages().withMessage(c, spec(policy)).message()).hasSize(4096).endsWith("xthe end");
    }

    @Test
    void anEmptyTerminationLogFallsBackToTheLogAndFollowsTheRuntimesMessage() throws IOException {
        Files.writeString(dir.resolve("termination-0"), "");
        ContainerStatus c = exited(1, "Error", "runtime says", "boom");
        assertThat(messages().withMessage(c, spec("FallbackToLogsOnError")).message()).isEqualTo("runtime says: boom\n");
    }

    @ParameterizedTest(name = "policy {0}, exit {1}, reason {2}, message {3}")
    @CsvSource({
            "File, 1, Error, ",
            "FallbackToLogsOnError, 0, Completed, ",
            "FallbackToLogsOnError, 128, StartError, ",
    })
    void otherwiseTheStatusIsLeftAsItIs(String policy, int code, String reason, String message) throws IOException {
        ContainerStatus c = exited(code, reason, message, "boom");
        assertThat(messages().withMessage(c, spec(policy))).isSameAs(c);
    }
}
