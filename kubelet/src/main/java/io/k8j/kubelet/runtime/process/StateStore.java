package io.k8j.kubelet.runtime.process;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.Dirs;
import io.k8j.kubelet.runtime.SandboxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The process runtime's records on disk (DATA_DIR/agent/process): {@code sandboxes/ID.json} and
 * {@code containers/ID/} ({@link ContainerFiles}), written whenever they change, so that the next kubelet on
 * this data dir finds every sandbox and container this one made. Writes replace the file atomically.
 */
final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** A sandbox as recorded: its address is held until it is stopped. */
    record Sandbox(String id, SandboxConfig config, String ip, Instant createdAt, boolean ready) {
    }

    /**
     * A container as recorded: {@code startedAt} null until started; the shim's pid and start time (ticks since
     * the boot {@code bootId}) name its process; {@code startError} when it could not be started.
     */
    record Container(String id, String sandboxId, ContainerConfig config, Path workDir, Path logPath,
                     Map<String, String> env, Instant createdAt, Instant startedAt, long shimPid, long shimStartTicks,
                     String bootId, String startError) {
        static Container created(String id, String sandboxId, ContainerConfig config, Path workDir, Path logPath,
                                 Map<String, String> env, Instant at) {
            return new Container(id, sandboxId, config, workDir, logPath, env, at, null, 0, 0, null, null);
        }

        Container started(Instant at, long pid, long ticks, String error) {
            return new Container(id, sandboxId, config, workDir, logPath, env, createdAt, at, pid, ticks,
                    ProcStat.BOOT_ID, error);
        }
    }

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("k8j-process-state")
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addDeserializer(Path.class, new FromString<>(Path.class, Path::of))
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new FromString<>(Instant.class, Instant::parse)));

    StateStore(Path dir) {
        this.dir = dir;
    }

    ContainerFiles files(String containerId) {
        return new ContainerFiles(dir.resolve("containers").resolve(containerId));
    }

    void save(Sandbox s) {
        write(dir.resolve("sandboxes").resolve(s.id() + ".json"), s);
    }

    void save(Container c) {
        write(files(c.id()).state(), c);
    }

    List<Sandbox> sandboxes() {
        return read(dir.resolve("sandboxes"), Sandbox.class, Function.identity());
    }

    List<Container> containers() {
        return read(dir.resolve("containers"), Container.class, d -> d.resolve("container.json"));
    }

    void deleteSandbox(String id) {
        try {
            Files.deleteIfExists(dir.resolve("sandboxes").resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteContainer(String id) {
        Dirs.deleteTree(files(id).dir());
    }

    private void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record under {@code parent}; one that cannot be read is logged and left alone. */
    private <T> List<T> read(Path parent, Class<T> type, Function<Path, Path> file) {
        List<T> out = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path entry : entries.filter(p -> !p.toString().endsWith(".tmp")).sorted().toList()) {
                try {
                    out.add(json.readValue(file.apply(entry).toFile(), type));
                } catch (IOException e) {
                    LOG.warn("process runtime: cannot read {}: {}", file.apply(entry), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static final class FromString<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        FromString(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return parse.apply(p.getValueAsString());
        }
    }
}
