package io.k8j.cli;

import io.k8j.cri.CriClient;
import io.k8j.cri.containerd.ContainerdLayout;
import io.k8j.cri.images.ImageArchives;
import io.k8j.cri.images.TestImages;
import io.k8j.cri.v1.Image;
import io.k8j.cri.v1.ImageSpec;
import io.k8j.cri.v1.ListImagesRequest;
import io.k8j.cri.v1.RemoveImageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code k8j images}: the node's containerd images (the CRI's k8s.io namespace). {@code import} loads OCI or
 * Docker archives (as those in DATA_DIR/agent/images are at start), {@code ls} and {@code rm} go through the CRI,
 * {@code build-test} writes the busybox and pause images k8j builds from Debian's busybox-static.
 */
@Command(name = "images", mixinStandardHelpOptions = true, description = "Manage the node's container images.",
        subcommands = {ImagesCommand.Import.class, ImagesCommand.Ls.class, ImagesCommand.Rm.class, ImagesCommand.BuildTest.class})
final class ImagesCommand {
    /** Where the node's containerd listens: the given endpoint, else the one of the data dir's own containerd. */
    static final class Target {
        @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
        Path dataDir;

        @Option(names = "--container-runtime-endpoint", description = "unix:///path of the containerd (default: the node's own).")
        String endpoint;

        String endpoint() throws java.io.IOException {
            return endpoint != null ? endpoint : new ContainerdLayout(DataDirs.resolve(dataDir)).endpoint();
        }

        CriClient connect() throws java.io.IOException {
            return CriClient.connect(endpoint(), Duration.ofSeconds(10));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import image archives (OCI layout or docker save, .tar or .tar.gz).")
    static final class Import implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            Path socket = Path.of(CriClient.socketPath(target.endpoint()));
            for (Path f : files) {
                System.out.print(ImageArchives.importArchive(socket, f));
            }
            return 0;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List images.")
    static final class Ls implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            try (CriClient cri = target.connect()) {
                System.out.printf("%-60s %-15s %s%n", "IMAGE", "IMAGE ID", "SIZE");
                for (Image i : CriClient.call(() -> cri.images(Duration.ofSeconds(30)).listImages(
                        ListImagesRequest.getDefaultInstance())).getImagesList()) {
                    String id = i.getId().replaceFirst("^sha256:", "");
                    List<String> names = i.getRepoTagsCount() > 0 ? i.getRepoTagsList() : i.getRepoDigestsList();
                    for (String name : names.isEmpty() ? List.of("<none>") : names) {
                        System.out.printf("%-60s %-15s %s%n", name, id.substring(0, Math.min(13, id.length())), size(i.getSize()));
                    }
                }
            }
            return 0;
        }

        private static String size(long bytes) {
            return bytes >= 1 << 20 ? String.format("%.1fMB", bytes / 1e6) : String.format("%.1fkB", bytes / 1e3);
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove images.")
    static final class Rm implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Parameters(arity = "1..*", paramLabel = "IMAGE")
        List<String> images;

        @Override
        public Integer call() throws Exception {
            try (CriClient cri = target.connect()) {
                for (String image : images) {
                    CriClient.call(() -> cri.images(Duration.ofSeconds(60)).removeImage(RemoveImageRequest.newBuilder()
                            .setImage(ImageSpec.newBuilder().setImage(image)).build()));
                    System.out.println("Deleted: " + image);
                }
            }
            return 0;
        }
    }

    @Command(name = "build-test", mixinStandardHelpOptions = true,
            description = "Write the busybox and pause images, built from /bin/busybox (Debian's busybox-static).")
    static final class BuildTest implements Callable<Integer> {
        @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
        Path dataDir;

        @Option(names = {"--output", "-o"}, description = "Directory to write them to (default: DATA_DIR/agent/images, imported at the node's next start).")
        Path output;

        @Override
        public Integer call() throws Exception {
            Path dir = output != null ? output : new ContainerdLayout(DataDirs.resolve(dataDir)).images();
            for (Path written : TestImages.write(dir)) {
                System.out.println(written);
            }
            return 0;
        }
    }
}
