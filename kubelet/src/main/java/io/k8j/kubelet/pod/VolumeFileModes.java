package io.k8j.kubelet.pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The modes and group of the files the kubelet writes into a secret, configMap, downwardAPI or projected volume,
 * as kube sets them: an item's {@code mode}, else the volume's {@code defaultMode}, else 0644. With a pod
 * {@code fsGroup}, each file and directory belongs to that group and is group-readable (kube's
 * SetVolumeOwnership for read-only volumes: files {@code |0440}, directories {@code |0550} and setgid), so a
 * non-root container in that group can read a {@code 0400} secret.
 *
 * @param defaultMode the volume's defaultMode, or null for kube's 0644
 * @param fsGroup the pod's fsGroup, or null to leave groups alone
 */
record VolumeFileModes(Integer defaultMode, Long fsGroup) {
    static final int KUBE_DEFAULT_MODE = 0644;
    private static final int GROUP_READ_FILE = 0440;
    private static final int GROUP_READ_DIRECTORY = 02550;

    /** The mode of a file whose item names {@code itemMode} (null when it names none). */
    int fileMode(Integer itemMode) {
        int mode = itemMode != null ? itemMode : defaultMode != null ? defaultMode : KUBE_DEFAULT_MODE;
        return fsGroup == null ? mode : mode | GROUP_READ_FILE;
    }

    /** Gives {@code file} its mode (see {@link #fileMode}) and, with an fsGroup, its group. */
    void applyToFile(Path file, Integer itemMode) throws IOException {
        chgrp(file);
        Files.setAttribute(file, "unix:mode", fileMode(itemMode), LinkOption.NOFOLLOW_LINKS);
    }

    /** With an fsGroup, makes {@code dir} (the volume, or a directory an item path made) the group's to enter. */
    void applyToDirectory(Path dir) throws IOException {
        if (fsGroup == null) {
            return;
        }
        chgrp(dir);
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:mode", (mode & 07777) | GROUP_READ_DIRECTORY, LinkOption.NOFOLLOW_LINKS);
    }

    private void chgrp(Path path) throws IOException {
        if (fsGroup != null) {
            Files.setAttribute(path, "unix:gid", fsGroup.intValue(), LinkOption.NOFOLLOW_LINKS);
        }
    }
}
