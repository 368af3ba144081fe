package io.k8j.kubelet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The remotecommand stream protocol over WebSocket (k8s.io/apimachinery/pkg/util/remotecommand,
 * kubectl-compat §1.13): each binary message is one channel byte followed by data.
 */
final class ExecFrames {
    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";
    /** What the node server speaks, in order of preference; v5 only adds the close signal. */
    static final List<String> PROTOCOLS = List.of(V5, V4);

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    /** v5: the next byte names a channel the client will not write to any more (kubectl: 0 = stdin). */
    static final int CLOSE = 255;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecFrames() {
    }

    static byte[] frame(int channel, byte[] data, int off, int len) {
        byte[] out = new byte[len + 1];
        out[0] = (byte) channel;
        System.arraycopy(data, off, out, 1, len);
        return out;
    }

    static int channel(byte[] message) {
        return message.length == 0 ? -1 : message[0] & 0xff;
    }

    static byte[] payload(byte[] message) {
        return message.length == 0 ? message : Arrays.copyOfRange(message, 1, message.length);
    }

    /** The channel-3 metav1.Status ending a session: Success, NonZeroExitCode with the code, or a plain failure. */
    static byte[] status(int exitCode) {
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
        return withChannel(s);
    }

    static byte[] failure(String message) {
        ObjectNode s = JSON.createObjectNode();
        s.putObject("metadata");
        s.put("status", "Failure").put("message", message);
        return withChannel(s);
    }

    private static byte[] withChannel(ObjectNode status) {
        byte[] json = status.toString().getBytes(StandardCharsets.UTF_8);
        return frame(ERROR, json, 0, json.length);
    }
}
