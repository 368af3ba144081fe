package io.k8j.client.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The host's mount points as /proc/self/mounts lists them, and unmounting those under a directory. */
public final class Mounts {
    private static final Path MOUNTS = Path.of("/proc/self/mounts");

    private Mounts() {
    }

    /** Whether something is mounted at {@code dir} itself. */
    public static boolean isMountPoint(Path dir) throws IOException {
        String point = dir.toAbsolutePath().normalize().toString();
        return points().contains(point);
    }

    /** Unmounts every mount point under {@code dir} (not {@code dir} itself), deepest first, lazily: a busy one goes once unused. */
    public static int unmountUnder(Path dir) throws IOException {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> under = new ArrayList<>(points().stream().filter(p -> p.startsWith(prefix)).toList());
        under.sort(Comparator.comparingInt(String::length).reversed());
        int n = 0;
        for (String p : under) {
            if (HostCommand.succeeds(List.of("umount", "-l", p))) {
                n++;
            }
        }
        return n;
    }

    private static List<String> points() throws IOException {
        // Fields are space-separated, with a space inside a path written as \040.
        return Files.readAllLines(MOUNTS).stream().map(l -> l.split(" ")[1].replace("\\040", " ")).toList();
    }
}
