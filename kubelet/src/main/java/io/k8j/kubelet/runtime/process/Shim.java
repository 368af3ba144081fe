package io.k8j.kubelet.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What containerd's shim does for a container, as a few lines of POSIX sh, so that a container outlives the
 * kubelet (a restart adopts it, see docs/architecture.md): {@code setsid} gives the container a session of its
 * own (no signal or hang-up aimed at the kubelet reaches it, and its processes can be found by session id); the
 * shim, session leader and parent of the main process, sends output to files rather than pipes to the JVM
 * (redirected in the child, so that what the shim itself says, such as "Killed", stays out of the log),
 * keeps the stdin FIFO open through a holder process (so stdin stays open across kubelet restarts and closes
 * only when the kubelet says so), waits for the main process, writes its exit code (128+N for signal N, as
 * containerd reports it) and then kills what is left of the session's process group, as the end of a
 * container's init ends its PID namespace. The shim's own tools come from the usual system directories; the
 * command is looked up in the container's PATH. The script is a file in the state directory, so that {@code ps}
 * shows {@code /bin/sh STATE/shim.sh CONTAINER_DIR - COMMAND...}.
 */
final class Shim {
    private static final String SCRIPT = """
            # k8j process runtime shim: see Shim.java
            d=$1 in=$2 cpath=$PATH; shift 2
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            if [ "$in" = stdin ]; then
              mkfifo "$d/stdin"
              sleep 2147483647 3<>"$d/stdin" </dev/null >/dev/null 2>&1 &
              echo $! >"$d/holder"
              exec <"$d/stdin"
            else
              exec </dev/null
            fi
            PATH=$cpath /bin/sh -c 'exec >>"$0/stdout" 2>>"$0/stderr"; echo $$ >"$0/pid"; exec "$@"' "$d" "$@"
            echo $? >"$d/exit.tmp" && mv "$d/exit.tmp" "$d/exit"
            kill -KILL 0
            """;

    private final Path script;

    /** Writes the script into {@code stateDir} (again: a newer k8j may have changed it). */
    Shim(Path stateDir) {
        this.script = stateDir.resolve("shim.sh");
        try {
            Files.createDirectories(stateDir);
            Files.writeString(script, SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shim's argv for {@code argv} with state in {@code dir}; {@code stdin}: keep a stdin open for attach. */
    List<String> argv(Path dir, boolean stdin, List<String> argv) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "/bin/sh", script.toString(), dir.toString(),
                stdin ? "stdin" : "-"));
        cmd.addAll(argv);
        return cmd;
    }
}
