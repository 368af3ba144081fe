package io.k8j.cri.images;

import io.k8j.client.host.HostCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The images k8j builds itself, with no registry and no Docker, from Debian's busybox-static (one static
 * binary): {@code busybox}, whose default command serves HTTP on port 80 (a page naming the pod's hostname, by
 * busybox httpd's cgi-bin/index.cgi), and the sandbox ("pause") image, whose shell holds the pod's namespaces,
 * reaps orphans (shareProcessNamespace) and exits on SIGTERM. Both share one layer: /bin/busybox with a
 * symlink per applet, /etc/passwd and /etc/group (root, nobody), /tmp, /www.
 */
public final class TestImages {
    public static final String BUSYBOX = "docker.io/library/busybox:latest";
    public static final String PAUSE = "docker.io/k8j/pause:busybox";
    public static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
    private static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    /** ash reaps every child (adopted orphans too) in wait; the trap makes SIGTERM end it at once. */
    private static final String PAUSE_LOOP = "trap 'exit 0' TERM INT; while :; do sleep 2147483647 & wait $!; done";
    private static final String INDEX_CGI = """
            #!/bin/sh
            echo "Content-Type: text/html"
            echo
            echo "<html><body><h1>Hello from $(hostname)</h1></body></html>"
            """;

    private TestImages() {
    }

    public static boolean available() {
        return Files.isExecutable(BUSYBOX_BINARY);
    }

    /** Writes busybox.tar and pause.tar into {@code dir}; returns their paths. */
    public static List<Path> write(Path dir) throws IOException {
        Layer layer = layer();
        Path busybox = dir.resolve("busybox.tar");
        Path pause = dir.resolve("pause.tar");
        writeBusybox(busybox, BUSYBOX, layer);
        writePause(pause, layer);
        return List.of(busybox, pause);
    }

    /** The busybox image under another name (e.g. an image a test imports late). */
    public static void writeBusybox(Path file, String reference) throws IOException {
        writeBusybox(file, reference, layer());
    }

    private static void writeBusybox(Path file, String reference, Layer layer) throws IOException {
        OciArchive.write(file, reference, new OciArchive.Config(null, List.of("httpd", "-f", "-v", "-p", "80", "-h", "/www"),
                ENV, "/", "0", List.of("80/tcp")), List.of(layer));
    }

    /** Writes the sandbox image alone. */
    public static void writePause(Path file) throws IOException {
        writePause(file, layer());
    }

    private static void writePause(Path file, Layer layer) throws IOException {
        OciArchive.write(file, PAUSE, new OciArchive.Config(List.of("/bin/sh", "-c", PAUSE_LOOP), null, ENV, "/", "0",
                List.of()), List.of(layer));
    }

    static Layer layer() {
        if (!available()) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is missing: install Debian's busybox-static");
        }
        Layer layer = new Layer().dir("bin", 0755).file("bin/busybox", BUSYBOX_BINARY, 0755);
        for (String applet : applets()) {
            if (!applet.equals("busybox")) {
                layer.symlink("bin/" + applet, "busybox");
            }
        }
        return layer.dir("etc", 0755)
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"
                        .getBytes(StandardCharsets.UTF_8), 0644)
                .file("etc/group", "root:x:0:\nnobody:x:65534:\n".getBytes(StandardCharsets.UTF_8), 0644)
                .dir("root", 0700).dir("home", 0755).dir("tmp", 01777).dir("www", 0755).dir("www/cgi-bin", 0755)
                .file("www/cgi-bin/index.cgi", INDEX_CGI.getBytes(StandardCharsets.UTF_8), 0755);
    }

    /** The applets this busybox binary has (busybox --list). */
    private static List<String> applets() {
        return HostCommand.check(List.of(BUSYBOX_BINARY.toString(), "--list"), null).lines()
                .map(String::strip).filter(a -> !a.isEmpty() && !a.contains("/")).toList();
    }
}
