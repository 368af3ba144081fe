package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.CriLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Copies one output stream of a process into the container's log file in the CRI format, as
 * containerd's shim does; stdout and stderr share the file, so writes lock it per record.
 */
final class LogPump {
    private LogPump() {
    }

    /**
     * Starts a thread that pumps {@code in} until EOF; returns it so exit can wait for the tail. A platform
     * thread: a blocking pipe read pins a virtual thread's carrier for as long as the process lives.
     */
    static Thread start(InputStream in, String stream, Writer log, Clock clock, String name) {
        return Thread.ofPlatform().daemon().name(name).start(() -> pump(in, stream, log, clock));
    }

    static void pump(InputStream in, String stream, Writer log, Clock clock) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                write(log, clock, stream, line);
            }
        } catch (IOException e) {
            // the process went away with its pipe; nothing more to copy
        }
    }

    private static void write(Writer log, Clock clock, String stream, String line) throws IOException {
        synchronized (log) {
            int from = 0;
            // Long lines become partial records, so that a reader never holds more than one record.
            while (line.length() - from > CriLog.MAX_RECORD) {
                log.write(CriLog.format(clock.instant(), stream, true, line.substring(from, from + CriLog.MAX_RECORD)));
                from += CriLog.MAX_RECORD;
            }
            log.write(CriLog.format(clock.instant(), stream, false, line.substring(from)));
            log.flush();
        }
    }
}
