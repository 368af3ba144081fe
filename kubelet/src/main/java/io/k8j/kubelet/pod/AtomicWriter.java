package io.k8j.kubelet.pod;

import io.k8j.kubelet.runtime.Dirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * kube's AtomicWriter: a configMap, secret, downwardAPI or projected volume's files are written into a new
 * timestamped directory ({@code ..2026_12_07_10_00_00.123}), then the {@code ..data} symlink is pointed at it with
 * one rename, and each user-visible name is a symlink through it ({@code key -> ..data/key}). A container reading the
 * volume while an update lands sees the whole old set or the whole new one, never a mix. Nothing is written when
 * the files already hold the payload.
 */
final class AtomicWriter {
    static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.")
            .withZone(ZoneOffset.UTC);

    /** A file of the payload: its content and its item's mode (null: the volume's default). */
    record FileProjection(byte[] content, Integer mode) {
    }

    private final Path dir;
    private final VolumeFileModes modes;
    private final Clock clock;

    AtomicWriter(Path dir, VolumeFileModes modes, Clock clock) {
        this.dir = dir;
        this.modes = modes;
        this.clock = clock;
    }

    /** Makes the volume hold exactly {@code payload} (relative path to file). */
    void write(Map<String, FileProjection> payload) throws IOException {
        for (String path : payload.keySet()) {
            checkPath(path);
        }
        Path data = dir.resolve(DATA);
        Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        if (old != null && holds(old, payload)) {
            return;
        }
        Path next = Files.createTempDirectory(dir, TIMESTAMP.format(clock.instant()));
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (var e : payload.entrySet()) {
            Path file = next.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().content());
            modes.applyToFile(file, e.getValue().mode());
            for (Path d = file.getParent(); !d.equals(dir); d = d.getParent()) {
                modes.applyToDirectory(d);
            }
        }
        Set<String> visible = topLevelNames(payload.keySet());
        for (String name : visible) {
            Path link = dir.resolve(name);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                Dirs.deleteTree(link); // a file of the layout before this one
            }
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of(DATA, name));
            }
        }
        Path tmp = dir.resolve(DATA_TMP);
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            for (String name : topLevelNames(filesUnder(old))) {
                if (!visible.contains(name)) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
            Dirs.deleteTree(old);
        }
        modes.applyToDirectory(dir);
    }

    /** kube's validatePath: relative, no ".." element, and not starting with ".." (the writer's own names). */
    private void checkPath(String path) {
        Path p = Path.of(path);
        if (path.isEmpty() || p.isAbsolute() || path.startsWith("..")
                || Arrays.stream(path.split("/")).anyMatch(".."::equals)) {
            throw new IllegalStateException("item path " + path + " leaves the volume");
        }
    }

    /** Whether {@code current} already has exactly these files with this content and mode. */
    private boolean holds(Path current, Map<String, FileProjection> payload) throws IOException {
        if (!Files.isDirectory(current) || !filesUnder(current).equals(payload.keySet())) {
            return false;
        }
        for (var e : payload.entrySet()) {
            Path file = current.resolve(e.getKey());
            int mode = (Integer) Files.getAttribute(file, "unix:mode") & 07777;
            if (mode != modes.fileMode(e.getValue().mode()) || !Arrays.equals(Files.readAllBytes(file), e.getValue().content())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> topLevelNames(Set<String> paths) {
        return paths.stream().map(p -> p.split("/", 2)[0]).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
