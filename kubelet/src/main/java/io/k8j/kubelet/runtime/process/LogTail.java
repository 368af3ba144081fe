package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.CriLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies what a process wrote to one of its output files into the container's CRI log, line by line as
 * containerd's shim does (long lines as partial records), and hands every chunk to attached clients as it comes
 * (prompts end without a newline). How far the log has got is kept beside the output file, so that a kubelet
 * that adopts the container carries on where the last one stopped (a line may repeat if one died in between).
 * Records carry the time they were copied: within a poll of when they were written while a kubelet runs.
 */
final class LogTail implements AutoCloseable {
    private final Path source;
    private final Path offsetFile;
    private final String stream;
    private final CriLogWriter log;
    private final OutputTee tee;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private FileChannel channel;
    private FileChannel offsets;
    private long read;
    private long copied;

    LogTail(ContainerFiles files, String stream, CriLogWriter log, OutputTee tee) {
        this.source = files.output(stream);
        this.offsetFile = files.offset(stream);
        this.stream = stream;
        this.log = log;
        this.tee = tee;
        this.copied = savedOffset();
        this.read = copied;
    }

    /** Copies what was written since the last call; false when there was nothing new. */
    boolean pump() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(source, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false; // the shim has not started the process yet
            }
        }
        buf.clear();
        int n = channel.read(buf, read);
        if (n <= 0) {
            return false;
        }
        byte[] chunk = buf.array();
        tee.write(chunk, n);
        long before = copied;
        for (int i = 0; i < n; i++) {
            read++;
            if (chunk[i] == '\n') {
                record(false);
            } else {
                line.write(chunk[i]);
                if (line.size() >= CriLog.MAX_RECORD) {
                    record(true); // a reader never holds more than one record
                }
            }
        }
        if (copied != before) {
            saveOffset();
        }
        return true;
    }

    /** After the process ended: the last line, even without its newline. */
    void finish() throws IOException {
        while (pump()) {
            // drain what is left
        }
        if (line.size() > 0) {
            record(false);
            saveOffset();
        }
    }

    private void record(boolean partial) throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!partial && text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1); // a terminal's CRLF is one line end
        }
        log.write(stream, partial, text);
        copied = read;
    }

    /** One write of a fixed width in place: the file never holds a partial or truncated number. */
    private void saveOffset() throws IOException {
        if (offsets == null) {
            offsets = FileChannel.open(offsetFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        offsets.write(ByteBuffer.wrap(String.format("%019d%n", copied).getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private long savedOffset() {
        try {
            return Long.parseLong(Files.readString(offsetFile).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (offsets != null) {
            offsets.close();
            offsets = null;
        }
    }
}
