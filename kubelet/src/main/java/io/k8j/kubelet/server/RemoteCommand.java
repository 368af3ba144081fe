package io.k8j.kubelet.server;

import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.StreamIo;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * exec and attach whatever the transport (WebSocket channels or SPDY streams): find the running container,
 * hand the session's streams to the runtime, and return the Status JSON that ends the session.
 */
final class RemoteCommand {
    /** The session lasts as long as the command does; a client leaving does not stop it (as runc exec). */
    private static final Duration NO_TIMEOUT = Duration.ofMillis(Long.MAX_VALUE);

    /** kube's remotecommand Options from the query; with a tty there is no separate stderr (kubelet drops it). */
    record Options(boolean attach, String ns, String pod, String container, List<String> command, boolean stdin,
                   boolean stdout, boolean stderr, boolean tty) {
        static Options of(HttpServerRequest req, String[] path) {
            boolean tty = flag(req, "tty");
            return new Options(path[1].equals("attach"), path[2], path[3], path[4], req.params().getAll("command"),
                    flag(req, "stdin"), flag(req, "stdout"), flag(req, "stderr") && !tty, tty);
        }

        private static boolean flag(HttpServerRequest req, String name) {
            String v = req.getParam(name);
            return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
        }
    }

    private final ContainerRuntime runtime;

    RemoteCommand(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    byte[] run(Options o, StreamIo io) {
        try {
            Optional<ContainerStatus> c = runtime.listContainers(null).stream()
                    .filter(s -> s.running() && o.ns().equals(s.labels().get("io.kubernetes.pod.namespace"))
                            && o.pod().equals(s.labels().get("io.kubernetes.pod.name")) && o.container().equals(s.name()))
                    .findFirst();
            if (c.isEmpty()) {
                return ExecStatus.failure("container not found (\"" + o.container() + "\")");
            }
            if (o.attach()) {
                runtime.attach(c.get().id(), io);
                return ExecStatus.exitCode(0);
            }
            if (o.command().isEmpty()) {
                return ExecStatus.failure("you must specify at least one command for the container");
            }
            return ExecStatus.exitCode(runtime.exec(c.get().id(), o.command(), io, NO_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecStatus.failure("the client went away");
        } catch (RuntimeException e) {
            return ExecStatus.failure(String.valueOf(e.getMessage()));
        }
    }
}
