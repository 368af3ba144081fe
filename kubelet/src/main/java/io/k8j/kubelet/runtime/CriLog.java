package io.k8j.kubelet.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The CRI container log format that containerd writes and the kubelet reads:
 * {@code 2026-01-01T00:00:00.000000000Z stdout F hello}, one line each, "P" marking a partial line
 * (a long line split into several records), "F" the record that ends it.
 */
public final class CriLog {
    /** containerd splits lines longer than this into partial records. */
    public static final int MAX_RECORD = 16 * 1024;
    // RFC3339Nano with all nine digits, so that lines sort and parse alike.
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

    private CriLog() {
    }

    /** One record; {@code content} carries no newline. */
    public static String format(Instant time, String stream, boolean partial, String content) {
        return TIME.format(time) + " " + stream + " " + (partial ? "P" : "F") + " " + content + "\n";
    }

    /** Parses one record (without its newline); null for a malformed line. */
    public static Record parse(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0) {
            return null;
        }
        try {
            Instant time = Instant.parse(line.substring(0, a));
            return new Record(time, line.substring(a + 1, b), line.substring(b + 1, c).equals("P"),
                    line.substring(c + 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A parsed record. */
    public record Record(Instant time, String stream, boolean partial, String content) {
        /** As kubectl logs shows it: the content, ending the line unless partial, with a timestamp if asked. */
        public String render(boolean timestamps) {
            String text = partial ? content : content + "\n";
            return timestamps ? TIME.format(time) + " " + text : text;
        }
    }
}
