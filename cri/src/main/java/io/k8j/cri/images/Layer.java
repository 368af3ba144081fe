package io.k8j.cri.images;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One image layer as an uncompressed tar: directories, files and symlinks owned by root, all stamped with
 * one fixed time so that the same content always gives the same digest (importing it again changes nothing).
 */
public final class Layer {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private record Entry(String path, byte[] content, String linkTarget, int mode) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public Layer dir(String path, int mode) {
        entries.add(new Entry(path.endsWith("/") ? path : path + "/", null, null, mode));
        return this;
    }

    public Layer file(String path, byte[] content, int mode) {
        entries.add(new Entry(path, content, null, mode));
        return this;
    }

    public Layer file(String path, Path source, int mode) {
        try {
            return file(path, Files.readAllBytes(source), mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Layer symlink(String path, String target) {
        entries.add(new Entry(path, null, target, 0777));
        return this;
    }

    /** The tar bytes, entries in the order they were added. */
    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = e.linkTarget != null ? new TarArchiveEntry(e.path, TarArchiveEntry.LF_SYMLINK)
                        : new TarArchiveEntry(e.path);
                if (e.linkTarget != null) {
                    t.setLinkName(e.linkTarget);
                }
                t.setMode((e.linkTarget != null ? 0120000 : e.content == null ? 040000 : 0100000) | e.mode);
                t.setModTime(EPOCH.toEpochMilli());
                t.setUserId(0);
                t.setGroupId(0);
                if (e.content != null) {
                    t.setSize(e.content.length);
                }
                tar.putArchiveEntry(t);
                if (e.content != null) {
                    tar.write(e.content);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
