package io.k8j.kubelet.runtime;


import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a CRI log file as kubectl logs shows it: the content of each record (a timestamp in front if
 * asked), from a point in time, the last tailLines lines; then, for follow, whatever was appended.
 */
public final class LogReader {
    private final Path file;
    private final boolean timestamps;
    private final Integer tailLines;
    private final Instant since;
    private long offset;

    /** {@code since}: records older than this are left out (null: none are). */
    public LogReader(Path file, boolean timestamps, Integer tailLines, Instant since) {
        this.file = file;
        this.timestamps = timestamps;
        this.tailLines = tailLines;
        this.since = since;
    }

    public String initial() throws IOException {
        Deque<String> lines = new ArrayDeque<>();
        for (String rendered : records()) {
            lines.addLast(rendered);
            if (tailLines != null && lines.size() > tailLines) {
                lines.removeFirst();
            }
        }
        return String.join("", lines);
    }

    public String more() throws IOException {
        return String.join("", records());
    }

    /** Whole records appended since the last call, rendered; a line still being written waits. */
    private java.util.List<String> records() throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() <= offset) {
                return out;
            }
            f.seek(offset);
            byte[] bytes = new byte[(int) Math.min(f.length() - offset, 8 << 20)];
            f.readFully(bytes);
            int end = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf('\n') + 1;
            offset += end;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                CriLog.Record r = line.isEmpty() ? null : CriLog.parse(line);
                if (r != null && (since == null || !r.time().isBefore(since))) {
                    out.add(r.render(timestamps));
                }
            }
        }
        return out;
    }
}
