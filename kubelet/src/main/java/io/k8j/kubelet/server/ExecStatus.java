package io.k8j.kubelet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.kubelet.runtime.TerminalSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The metav1.Status JSON that ends an exec or attach session (v4 error stream or channel 3), as kubelet writes
 * it: Success, NonZeroExitCode with the code as the ExitCode cause (kubectl exits with it), or a failure;
 * and the TerminalSize JSON clients send on the resize stream.
 */
final class ExecStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecStatus() {
    }

    static byte[] exitCode(int exitCode) {
        ObjectNode s = JSON.createObjectNode();
        s.putObject("metadata");
        if (exitCode == 0) {
            s.put("status", "Success");
        } else {
            s.put("status", "Failure").put("message", "command terminated with non-zero exit code: error executing "
                    + "command [exit status " + exitCode + "]").put("reason", "NonZeroExitCode");
            s.putObject("details").putArray("causes").addObject().put("reason", "ExitCode").put("message",
                    String.valueOf(exitCode));
        }
        return bytes(s);
    }

    static byte[] failure(String message) {
        ObjectNode s = JSON.createObjectNode();
        s.putObject("metadata");
        s.put("status", "Failure").put("message", message);
        return bytes(s);
    }

    /** {"Width":80,"Height":24}; null for what does not parse. */
    static TerminalSize terminalSize(byte[] json) {
        try {
            var node = JSON.readTree(json);
            return node == null ? null : new TerminalSize(node.path("Width").asInt(0), node.path("Height").asInt(0));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode status) {
        return status.toString().getBytes(StandardCharsets.UTF_8);
    }
}
