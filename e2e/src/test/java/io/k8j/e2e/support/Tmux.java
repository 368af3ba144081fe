package io.k8j.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tmux server of our own (private socket) with one 100x30 window, killed on close: a terminal for exec -it. */
public final class Tmux implements AutoCloseable {
    private final String socket = "k8j-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    public void start(String command) throws IOException, InterruptedException {
        run("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command);
    }

    public void type(String keys) throws IOException, InterruptedException {
        run("send-keys", "-t", "t", keys, "Enter");
    }

    public String screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", "t");
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws Exception {
        run("kill-server");
    }
}
