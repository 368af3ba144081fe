package io.k8j.kubelet.runtime.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The attach sessions listening to one output of a container: each chunk the process writes goes to every
 * listener as well as to the log. A listener that fails (its client left) is dropped.
 */
final class OutputTee {
    private final List<OutputStream> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the returned handle removes it. */
    AutoCloseable listen(OutputStream out) {
        listeners.add(out);
        return () -> listeners.remove(out);
    }

    void write(byte[] chunk, int len) {
        for (OutputStream out : listeners) {
            try {
                out.write(chunk, 0, len);
                out.flush();
            } catch (IOException e) {
                listeners.remove(out);
            }
        }
    }
}
