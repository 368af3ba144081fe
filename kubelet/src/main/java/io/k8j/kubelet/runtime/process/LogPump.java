package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.CriLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Copies one output stream of a process into the container's log file in the CRI format, as
 * containerd's shim does, and hands every chunk as it comes to the attached clients ({@link OutputTee}):
 * they see prompts that end without a newline. stdout and stderr share the file, so writes lock it per record.
 */
final class LogPump {
    private LogPump() {
    }

    /**
     * Starts a thread that pumps {@code in} until EOF; returns it so exit can wait for the tail. A platform
     * thread: a blocking pipe read pins a virtual thread's carrier for as long as the process lives.
     */
    static Thread start(InputStream in, String stream, Writer log, Clock clock, OutputTee tee, String name) {
        return Thread.ofPlatform().daemon().name(name).start(() -> pump(in, stream, log, clock, tee));
    }

    static void pump(InputStream in, String stream, Writer log, Clock clock, OutputTee tee) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                tee.write(buf, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        write(log, clock, stream, false, line);
                    } else {
                        line.write(buf[i]);
                        if (line.size() >= CriLog.MAX_RECORD) {
                            // Long lines become partial records, so that a reader never holds more than one record.
                            write(log, clock, stream, true, line);
                        }
                    }
                }
            }
            if (line.size() > 0) {
                write(log, clock, stream, false, line);
            }
        } catch (IOException e) {
            // the process went away with its pipe; nothing more to copy
        }
    }

    private static void write(Writer log, Clock clock, String stream, boolean partial, ByteArrayOutputStream line)
            throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!partial && text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1); // a terminal's CRLF is one line end
        }
        synchronized (log) {
            log.write(CriLog.format(clock.instant(), stream, partial, text));
            log.flush();
        }
    }
}
