package io.k8j.apiserver.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * kube's log audit backend: one JSON Event per line, appended to {@code --audit-log-path} ("-" for stdout). The file
 * is created 0600: events name users and may carry request bodies.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private final OutputStream out;

    private AuditLog(OutputStream out) {
        this.out = out;
    }

    public static AuditLog open(String path) throws IOException {
        if (path.equals("-")) {
            return new AuditLog(System.out);
        }
        Path file = Path.of(path);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return new AuditLog(Files.newOutputStream(file, StandardOpenOption.APPEND));
    }

    /** Appends one event; a failed write is logged, never failing the request (kube's blocking backend aside). */
    public synchronized void write(ObjectNode event) {
        try {
            out.write((Json.MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.error("cannot write an audit event: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (out != System.out) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("closing the audit log: {}", e.toString());
            }
        }
    }
}
