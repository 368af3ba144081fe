package io.k8j.cri.streaming;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The v4 Status a runtime's streaming server ends an exec with. */
class RemoteStreamsTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successOrNothingIsZeroAndNonZeroExitCodeCarriesTheCode() {
        assertThat(RemoteStreams.exitCode(new byte[0])).isZero();
        assertThat(RemoteStreams.exitCode(json("{\"metadata\":{},\"status\":\"Success\"}"))).isZero();
        assertThat(RemoteStreams.exitCode(json("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated "
                + "with non-zero exit code: error executing command [sh -c exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}"))).isEqualTo(3);
    }

    @Test
    void anyOtherFailureIsThrownWithItsMessage() {
        assertThatThrownBy(() -> RemoteStreams.exitCode(json("{\"status\":\"Failure\",\"message\":\"OCI runtime exec failed: "
                + "exec failed: unable to start container process: exec: \\\"nope\\\": executable file not found in $PATH\"}")))
                .hasMessageStartingWith("OCI runtime exec failed");
    }
}
