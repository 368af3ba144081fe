package io.k8j.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone k8j component ({@code k8j scheduler}, {@code k8j controller-manager}) run from the built jar
 * as its own process, its log in a file; ended by its own pid.
 */
public final class ComponentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ComponentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ComponentProcess start(List<String> args) {
        return start(List.of(), args);
    }

    /** Run through {@code prefix}, e.g. {@code nsenter --net=...}, which execs the JVM. */
    public static ComponentProcess start(List<String> prefix, List<String> args) {
        try {
            Path log = Files.createTempFile("k8j-component-", ".log");
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(K8jServer.javaBin(), "--enable-native-access=ALL-UNNAMED",
                    "-jar", K8jServer.jar().toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            return new ComponentProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process cannot give its lease up, so the others must wait for it to expire. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
