package io.k8j.kubelet.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;

/**
 * The client's streams of an exec or attach session, as kube's runtime interface takes them
 * (ExecInContainer/AttachContainer): stdin may be null; with {@code tty} the output goes to stdout only,
 * and {@code resizes} (null without a tty) delivers the terminal sizes the client sends.
 */
public record StreamIo(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean tty,
                       BlockingQueue<TerminalSize> resizes) {
    /** Plain pipes: what probes and other non-interactive callers use. */
    public static StreamIo pipes(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return new StreamIo(stdin, stdout, stderr, false, null);
    }
}
