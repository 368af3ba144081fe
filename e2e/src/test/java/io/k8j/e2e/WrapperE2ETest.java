package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./k8j} wrapper is silent unless something is wrong: no JVM warning or error on the server run
 * that makes the class-data archive, on the runs that use it, nor after the jar changes. It runs from a copy of
 * the checkout's layout (wrapper, scripts/jdk.sh, cli/target/k8j.jar), so the archive it makes is the test's.
 */
class WrapperE2ETest {
    /** What the server logs once each of its components runs (and has loaded its classes). */
    private static final List<String> STARTED = List.of("k8j is ready", "controller manager started", "scheduler started",
            "kubelet started");

    private Path root;
    private Path archive;

    @BeforeEach
    void layout() throws IOException {
        Path jar = Path.of(System.getProperty("k8j.jar", "../cli/target/k8j.jar")).toAbsolutePath().normalize();
        Path checkout = jar.getParent().getParent().getParent();
        root = Files.createTempDirectory("k8j-e2e-wrapper-");
        Files.createDirectories(root.resolve("scripts"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(checkout.resolve("k8j"), root.resolve("k8j"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(checkout.resolve("scripts/jdk.sh"), root.resolve("scripts/jdk.sh"));
        Files.copy(jar, root.resolve("cli/target/k8j.jar"));
        archive = root.resolve("cli/target/k8j.jsa");
    }

    @AfterEach
    void cleanUp() {
        K8jServer.deleteTree(root);
    }

    /** Lines the JVM prints (unified logging, launcher warnings), as opposed to k8j's own output. */
    private static List<String> jvmLines(String output) {
        return output.lines().filter(l -> l.matches("^\\[[0-9.]+s\\]\\[.*") || l.startsWith("WARNING:")
                || l.contains("VM warning")).toList();
    }

    private K8jCommand wrapper(String... args) {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("k8j").toString()));
        cmd.addAll(List.of(args));
        return K8jCommand.exec(cmd);
    }

    private void assertHelpAndVersionAreSilent() {
        K8jCommand help = wrapper("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: k8j");
        assertThat(help.stderr()).isEmpty();
        K8jCommand version = wrapper("--version");
        assertThat(version.stdout()).startsWith("k8j version v");
        assertThat(version.stderr()).isEmpty();
    }

    @Test
    void helpAndVersionPrintOnlyTheirOwnOutputAndMakeNoArchive() {
        assertHelpAndVersionAreSilent();
        assertHelpAndVersionAreSilent();
        assertThat(archive).as("made by server runs only, so that it holds the server's classes").doesNotExist();
    }

    @Test
    void serverIsSilentWhenItMakesTheArchiveWhenItUsesItAndAfterTheJarChanges() throws Exception {
        String first = runServerUntilStarted();
        assertThat(jvmLines(first)).as(first).isEmpty();
        assertThat(archive).as("made at the exit of the first run").isNotEmptyFile();

        String later = runServerUntilStarted();
        assertThat(jvmLines(later)).as(later).isEmpty();
        assertHelpAndVersionAreSilent();

        // A rebuilt jar: the JVM reports the archive as a class path mismatch unless the wrapper replaces it.
        Files.setLastModifiedTime(root.resolve("cli/target/k8j.jar"),
                FileTime.from(Files.getLastModifiedTime(archive).toInstant().plusSeconds(1)));
        assertHelpAndVersionAreSilent();
        String rebuilt = runServerUntilStarted();
        assertThat(jvmLines(rebuilt)).as(rebuilt).isEmpty();
        assertThat(Files.getLastModifiedTime(archive)).as("remade")
                .isGreaterThan(Files.getLastModifiedTime(root.resolve("cli/target/k8j.jar")));
    }

    /** ./k8j server until it and its components have started and it took a create, then SIGTERM; all it printed. */
    private String runServerUntilStarted() throws Exception {
        Path dataDir = Files.createTempDirectory(root, "data-");
        Path out = root.resolve("server.out");
        Process p = new ProcessBuilder(root.resolve("k8j").toString(), "server", "--data-dir", dataDir.toString(),
                "--bind-address", "127.0.0.1", "--https-listen-port", Integer.toString(K8jServer.freePort()),
                "--kubelet-port", "0", "--container-runtime", "simulated", "--node-name", "wrapper-node")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!STARTED.stream().allMatch(Files.readString(out, StandardCharsets.UTF_8)::contains)) {
                assertThat(p.isAlive()).as(Files.readString(out, StandardCharsets.UTF_8)).isTrue();
                assertThat(System.nanoTime()).as("started within 180 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            try (Kubectl kubectl = new Kubectl(Kubectl.V133, dataDir.resolve("kubeconfig"))) {
                kubectl.ok("create", "configmap", "wrapper", "--from-literal=k=v"); // a protobuf body since 1.32
            }
        } finally {
            p.destroy(); // the wrapper execs java: this pid is the server's
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
