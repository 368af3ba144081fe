package io.k8j.kubelet.runtime;

/** remotecommand.TerminalSize: a tty's columns and rows, as clients send them on the resize channel. */
public record TerminalSize(int width, int height) {
}
